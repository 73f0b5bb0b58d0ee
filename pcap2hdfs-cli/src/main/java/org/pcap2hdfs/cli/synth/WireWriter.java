package org.pcap2hdfs.cli.synth;

import java.util.Arrays;

/** A growable big-endian byte buffer for assembling DNS messages by hand; reused. */
public final class WireWriter {
  private byte[] buf;
  private int length;

  public WireWriter(int initialSize) {
    buf = new byte[initialSize];
  }

  public byte[] bytes() {
    return buf;
  }

  public int length() {
    return length;
  }

  public WireWriter reset() {
    length = 0;
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, length);
  }

  public WireWriter u8(int v) {
    ensure(1);
    buf[length++] = (byte) v;
    return this;
  }

  public WireWriter u16(int v) {
    ensure(2);
    buf[length++] = (byte) (v >>> 8);
    buf[length++] = (byte) v;
    return this;
  }

  public WireWriter u32(int v) {
    return u16(v >>> 16).u16(v);
  }

  public WireWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, length, len);
    length += len;
    return this;
  }

  public WireWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** Overwrites the 16-bit value at {@code pos}. */
  public void set16(int pos, int v) {
    buf[pos] = (byte) (v >>> 8);
    buf[pos + 1] = (byte) v;
  }

  public int get16(int pos) {
    return (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
  }

  private void ensure(int n) {
    if (length + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(length + n, buf.length * 2));
    }
  }
}
