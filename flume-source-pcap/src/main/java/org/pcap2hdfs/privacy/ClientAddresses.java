package org.pcap2hdfs.privacy;

/**
 * What the row builder calls to mask the client's addresses of one row: the query's source and the
 * EDNS client-subnet address. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is masked as the
 * IPv4 address it carries, so a client has one masked form whichever way it was written. Not
 * thread-safe: one per stream.
 */
public final class ClientAddresses {
  private final AddressMasker masker;

  public ClientAddresses(AddressMasker masker) {
    this.masker = masker;
  }

  /** Writes the masked form of the 4- or 16-byte client address {@code a} into {@code out}. */
  public void client(byte[] a, int length, byte[] out) {
    if (length == 16 && isIpv4Mapped(a)) {
      System.arraycopy(a, 0, out, 0, 12);
      masker.mask(a, 12, 4, out, 12);
    } else {
      masker.mask(a, 0, length, out, 0);
    }
  }

  /**
   * Masks a client-subnet address in place: the masked address, then every bit beyond the source
   * prefix the client sent cleared, so bits it should not have sent never pass (a pseudonym's first
   * k bits depend only on the address's first k bits: the subnet's pseudonym is the prefix of its
   * clients').
   */
  public void subnet(byte[] a, int length, int sourcePrefix) {
    masker.mask(a, 0, length, a, 0);
    Truncation.keepPrefix(a, 0, length, Math.min(sourcePrefix, length * 8), a, 0);
  }

  static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }
}
