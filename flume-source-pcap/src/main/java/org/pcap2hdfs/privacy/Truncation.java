package org.pcap2hdfs.privacy;

/** Keeps the first {@code ipv4Prefix} or {@code ipv6Prefix} bits of an address, zeroes the rest. */
public final class Truncation implements AddressMasker {
  private final int ipv4Prefix;
  private final int ipv6Prefix;

  public Truncation(int ipv4Prefix, int ipv6Prefix) {
    if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("prefixes /" + ipv4Prefix + " and /" + ipv6Prefix);
    }
    this.ipv4Prefix = ipv4Prefix;
    this.ipv6Prefix = ipv6Prefix;
  }

  @Override
  public void mask(byte[] in, int off, int length, byte[] out, int outOff) {
    keepPrefix(in, off, length, length == 4 ? ipv4Prefix : ipv6Prefix, out, outOff);
  }

  /** Copies the first {@code prefix} bits of {@code length} bytes and zeroes the others. */
  static void keepPrefix(byte[] in, int off, int length, int prefix, byte[] out, int outOff) {
    for (int i = 0; i < length; i++) {
      int bits = prefix - 8 * i;
      int keep = bits >= 8 ? 0xFF : bits <= 0 ? 0 : (0xFF << (8 - bits)) & 0xFF;
      out[outOff + i] = (byte) (in[off + i] & keep);
    }
  }
}
