package org.pcap2hdfs.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads the Crypto-PAn key: a file of exactly 32 bytes, or of 64 hex digits (a trailing newline
 * allowed, as {@code openssl rand -hex 32 > key} writes it). Whoever has the key can reverse the
 * pseudonyms of addresses they guess, so a file every user may read is refused.
 */
public final class PseudonymKey {
  private PseudonymKey() {}

  /**
   * @throws IllegalArgumentException saying what is wrong with the file
   */
  public static byte[] read(Path file) {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    byte[] content;
    try {
      if (posix != null) {
        Set<PosixFilePermission> perms = posix.readAttributes().permissions();
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException(
              file
                  + " is readable by every user ("
                  + PosixFilePermissions.toString(perms)
                  + "); make it readable by the agent's user only, e.g. chmod 600");
        }
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    if (content.length == CryptoPan.KEY_BYTES) {
      return content;
    }
    String text = new String(content, StandardCharsets.US_ASCII).trim();
    if (text.length() == 2 * CryptoPan.KEY_BYTES && text.matches("[0-9a-fA-F]+")) {
      byte[] key = new byte[CryptoPan.KEY_BYTES];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
      }
      return key;
    }
    throw new IllegalArgumentException(
        file
            + " must hold a 32-byte key (32 raw bytes or 64 hex digits), not "
            + content.length
            + " bytes; make one with: openssl rand -hex 32 > "
            + file);
  }
}
