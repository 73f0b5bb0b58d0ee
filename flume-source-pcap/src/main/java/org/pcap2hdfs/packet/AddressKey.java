package org.pcap2hdfs.packet;

import java.util.Arrays;

/**
 * Immutable map key of two addresses plus a discriminator (fragment id and protocol, or ports).
 * Only fragments and TCP segments build keys, so their allocation stays off the UDP hot path.
 */
final class AddressKey {
  final byte[] a;
  final byte[] b;
  final long x;
  final int hash;

  AddressKey(byte[] a, byte[] b, long x) {
    this.a = a;
    this.b = b;
    this.x = x;
    int h = Arrays.hashCode(a) * 31 + Arrays.hashCode(b);
    this.hash = h * 31 + Long.hashCode(x);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AddressKey)) {
      return false;
    }
    AddressKey k = (AddressKey) o;
    return hash == k.hash && x == k.x && Arrays.equals(a, k.a) && Arrays.equals(b, k.b);
  }

  static AddressKey of(byte[] src, byte[] dst, int addressLength, long x) {
    return new AddressKey(Arrays.copyOf(src, addressLength), Arrays.copyOf(dst, addressLength), x);
  }
}
