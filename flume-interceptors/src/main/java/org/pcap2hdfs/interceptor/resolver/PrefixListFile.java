package org.pcap2hdfs.interceptor.resolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pcap2hdfs.interceptor.net.IpLiteral;

/**
 * Reads a prefix list: one {@code <address>[/<length>] <operator name>} per line (the name may
 * contain spaces); {@code #} starts a comment; blank lines are skipped. Host bits beyond the prefix
 * length are ignored.
 */
final class PrefixListFile {
  private PrefixListFile() {}

  /** Adds the prefixes of {@code file} to {@code table}; returns how many lines held one. */
  static int read(Path file, PrefixTable.Builder table) throws IOException {
    int count = 0;
    int lineNumber = 0;
    byte[] address = new byte[16];
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        lineNumber++;
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (content.isEmpty()) {
          continue;
        }
        String[] parts = content.split("\\s+", 2);
        if (parts.length < 2) {
          throw new IOException(
              file + " line " + lineNumber + ": no operator name after the prefix");
        }
        String prefix = parts[0];
        int slash = prefix.indexOf('/');
        String addressText = slash < 0 ? prefix : prefix.substring(0, slash);
        byte[] text = addressText.getBytes(StandardCharsets.US_ASCII);
        int bytes = IpLiteral.parse(text, 0, text.length, address);
        if (bytes == 0) {
          throw new IOException(file + " line " + lineNumber + ": '" + prefix + "' is no address");
        }
        int length = bytes * 8;
        if (slash >= 0) {
          try {
            length = Integer.parseInt(prefix.substring(slash + 1));
          } catch (NumberFormatException e) {
            length = -1;
          }
          if (length < 0 || length > bytes * 8) {
            throw new IOException(
                file + " line " + lineNumber + ": bad prefix length in '" + prefix + "'");
          }
        }
        table.add(address, length, bytes, parts[1].trim());
        count++;
      }
    }
    return count;
  }
}
