package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {
  @TempDir Path dir;

  private Path file(byte[] content, String perms) throws Exception {
    Path f = dir.resolve("privacy.key");
    Files.write(f, content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
    return f;
  }

  @Test
  void readsThirtyTwoRawBytes() throws Exception {
    byte[] key = new byte[32];
    key[0] = 1;
    key[31] = (byte) 0xFF;
    assertThat(PseudonymKey.read(file(key, "rw-------"))).isEqualTo(key);
  }

  @Test
  void readsSixtyFourHexDigitsWithANewline() throws Exception {
    String hex = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF\n";
    byte[] key = PseudonymKey.read(file(hex.getBytes(StandardCharsets.US_ASCII), "rw-r-----"));
    assertThat(key[1]).isEqualTo((byte) 0x11);
    assertThat(key[31]).isEqualTo((byte) 0xFF);
  }

  @Test
  void refusesAFileEveryUserMayRead() throws Exception {
    Path f = file(new byte[32], "rw-r--r--");
    assertThatThrownBy(() -> PseudonymKey.read(f))
        .hasMessage(
            f
                + " is readable by every user (rw-r--r--); make it readable by the agent's user"
                + " only, e.g. chmod 600");
  }

  @Test
  void refusesAKeyOfAnotherLength() throws Exception {
    Path f = file(new byte[16], "rw-------");
    assertThatThrownBy(() -> PseudonymKey.read(f))
        .hasMessageStartingWith(
            f + " must hold a 32-byte key (32 raw bytes or 64 hex digits), not 16 bytes");
  }

  @Test
  void saysWhenTheFileIsMissing() {
    Path f = dir.resolve("none");
    assertThatThrownBy(() -> PseudonymKey.read(f)).hasMessage("no such file " + f);
  }
}
