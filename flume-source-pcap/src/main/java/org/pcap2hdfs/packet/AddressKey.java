package org.pcap2hdfs.packet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

  void write(DataOutput out) throws IOException {
    out.writeByte(a.length);
    out.write(a);
    out.write(b);
    out.writeLong(x);
  }

  static AddressKey read(DataInput in) throws IOException {
    int length = in.readUnsignedByte();
    if (length != 4 && length != 16) {
      throw new IOException("corrupt checkpoint: address length " + length);
    }
    byte[] a = new byte[length];
    byte[] b = new byte[length];
    in.readFully(a);
    in.readFully(b);
    return new AddressKey(a, b, in.readLong());
  }

  static AddressKey of(byte[] src, byte[] dst, int addressLength, long x) {
    return new AddressKey(Arrays.copyOf(src, addressLength), Arrays.copyOf(dst, addressLength), x);
  }
}
