package org.pcap2hdfs.compaction.parquet;

import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/** A growable byte buffer with the little-endian and varint writes of Parquet's encodings. */
final class PageBuffer {
  private byte[] buf;
  private int length;

  PageBuffer(int initialSize) {
    buf = new byte[Math.max(16, initialSize)];
  }

  int length() {
    return length;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    length = 0;
  }

  /** Makes room for {@code extra} more bytes. */
  void ensure(int extra) {
    if (length + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(length + extra, buf.length * 2));
    }
  }

  void writeByte(int b) {
    ensure(1);
    buf[length++] = (byte) b;
  }

  /** Writes without a capacity check: the caller ensured room. */
  void putByte(int b) {
    buf[length++] = (byte) b;
  }

  void setByte(int pos, int b) {
    buf[pos] = (byte) b;
  }

  void setIntLE(int pos, int v) {
    buf[pos] = (byte) v;
    buf[pos + 1] = (byte) (v >>> 8);
    buf[pos + 2] = (byte) (v >>> 16);
    buf[pos + 3] = (byte) (v >>> 24);
  }

  /** Drops everything after the first {@code newLength} bytes. */
  void truncate(int newLength) {
    length = newLength;
  }

  void writeIntLE(int v) {
    ensure(4);
    putIntLE(v);
  }

  /** Writes without a capacity check: the caller ensured room. */
  void putIntLE(int v) {
    byte[] b = buf;
    int p = length;
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
    length = p + 4;
  }

  /** Writes without a capacity check: the caller ensured room. */
  void putLongLE(long v) {
    byte[] b = buf;
    int p = length;
    for (int i = 0; i < 8; i++) {
      b[p + i] = (byte) (v >>> (8 * i));
    }
    length = p + 8;
  }

  void write(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, length, len);
    length += len;
  }

  void write(PageBuffer other) {
    write(other.buf, 0, other.length);
  }

  void writeUnsignedVarInt(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      buf[length++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[length++] = (byte) v;
  }

  /** A view of the content (valid until the buffer changes). */
  BytesInput view() {
    return BytesInput.from(buf, 0, length);
  }
}
