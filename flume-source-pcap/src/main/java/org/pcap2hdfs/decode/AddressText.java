package org.pcap2hdfs.decode;

import org.pcap2hdfs.row.Text;

/** IP addresses in their text form, appended without building strings (IPv6 per RFC 5952). */
public final class AddressText {
  private AddressText() {}

  /** Appends a 4-byte IPv4 or 16-byte IPv6 address. */
  public static void append(Text out, byte[] a, int length) {
    if (length == 4) {
      ipv4(out, a, 0);
    } else {
      ipv6(out, a);
    }
  }

  /** "0" to "255" as ASCII. */
  private static final byte[][] OCTETS = new byte[256][];

  static {
    for (int i = 0; i < 256; i++) {
      OCTETS[i] = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  private static void ipv4(Text out, byte[] a, int off) {
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        out.append('.');
      }
      byte[] octet = OCTETS[a[off + i] & 0xFF];
      out.append(octet, 0, octet.length);
    }
  }

  private static void ipv6(Text out, byte[] a) {
    if (isIpv4Mapped(a)) {
      out.append("::ffff:");
      ipv4(out, a, 12);
      return;
    }
    // The longest run of zero groups, read straight from the bytes (no group array).
    // The longest run of at least two zero groups (the first of equal runs) becomes "::".
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (group(a, i) != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && group(a, j) == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append(':').append(':');
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        out.append(':');
      }
      out.appendHex(group(a, i));
    }
  }

  private static int group(byte[] a, int i) {
    return (a[2 * i] & 0xFF) << 8 | (a[2 * i + 1] & 0xFF);
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }
}
