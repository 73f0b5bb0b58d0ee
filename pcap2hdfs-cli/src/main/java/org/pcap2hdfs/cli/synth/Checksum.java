package org.pcap2hdfs.cli.synth;

/** The Internet checksum (RFC 1071) and the UDP/TCP pseudo-header sums for IPv4 and IPv6. */
final class Checksum {
  private Checksum() {}

  /** Adds {@code b[p, p + n)} as big-endian 16-bit words to a running sum. */
  static int add(int sum, byte[] b, int p, int n) {
    int end = p + (n & ~1);
    long s = sum & 0xFFFFFFFFL;
    for (int i = p; i < end; i += 2) {
      s += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }
    if ((n & 1) != 0) {
      s += (b[p + n - 1] & 0xFF) << 8;
    }
    return fold(s);
  }

  static int pseudoHeader(byte[] src, byte[] dst, int protocol, int length) {
    int sum = add(0, src, 0, src.length);
    sum = add(sum, dst, 0, dst.length);
    return fold((sum & 0xFFFFFFFFL) + protocol + length);
  }

  /** The one's complement of the folded sum: the value that goes into the header. */
  static int finish(int sum) {
    return ~fold(sum & 0xFFFFFFFFL) & 0xFFFF;
  }

  private static int fold(long s) {
    while ((s >>> 16) != 0) {
      s = (s & 0xFFFF) + (s >>> 16);
    }
    return (int) s;
  }
}
