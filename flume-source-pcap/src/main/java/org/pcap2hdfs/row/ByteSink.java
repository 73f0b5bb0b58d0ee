package org.pcap2hdfs.row;

import java.util.Arrays;

/** A growable byte buffer that rows are encoded into; reused from row to row. */
public final class ByteSink {
  byte[] buf;
  int length;

  public ByteSink(int initialSize) {
    buf = new byte[initialSize];
  }

  public byte[] bytes() {
    return buf;
  }

  public int length() {
    return length;
  }

  public void reset() {
    length = 0;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, length);
  }

  void ensure(int extra) {
    if (length + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(length + extra, buf.length * 2));
    }
  }

  public void write(byte b) {
    ensure(1);
    buf[length++] = b;
  }

  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, length, len);
    length += len;
  }
}
