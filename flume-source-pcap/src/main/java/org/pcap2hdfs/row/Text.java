package org.pcap2hdfs.row;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable UTF-8 string value of a row: bytes and a length, built without {@code String}s. */
public final class Text {
  byte[] bytes = new byte[32];
  int length;

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  public Text clear() {
    length = 0;
    return this;
  }

  /** Makes room for {@code extra} more bytes; returns the array to write them into. */
  public byte[] reserve(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + extra, bytes.length * 2));
    }
    return bytes;
  }

  /** Marks {@code n} bytes written into the array {@link #reserve} returned as part of the text. */
  public void advance(int n) {
    length += n;
  }

  private void ensure(int extra) {
    reserve(extra);
  }

  public Text append(byte[] b, int off, int len) {
    if (length + len > bytes.length) {
      ensure(len);
    }
    if (len <= 16) {
      // short copies (octets, labels, names) are cheaper inline than through the copy stub
      byte[] d = bytes;
      int n = length;
      for (int i = 0; i < len; i++) {
        d[n + i] = b[off + i];
      }
    } else {
      System.arraycopy(b, off, bytes, length, len);
    }
    length += len;
    return this;
  }

  public Text append(byte c) {
    if (length == bytes.length) {
      ensure(1);
    }
    bytes[length++] = c;
    return this;
  }

  public Text append(char c) {
    return append((byte) c);
  }

  /** Appends a string's UTF-8 bytes. */
  public Text append(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return append(b, 0, b.length);
  }

  /** Appends the decimal digits of a non-negative or negative number. */
  public Text appendDecimal(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return append(Long.toString(v));
      }
      append('-');
      v = -v;
    }
    ensure(20);
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Appends {@code v} as lower-case hex without leading zeros. */
  public Text appendHex(int v) {
    if (v == 0) {
      return append('0');
    }
    int shift = 28;
    while ((v >>> shift) == 0) {
      shift -= 4;
    }
    for (; shift >= 0; shift -= 4) {
      append(HEX[(v >>> shift) & 0xF]);
    }
    return this;
  }

  /** Appends two lower-case hex digits per byte. */
  public Text appendHexBytes(byte[] b, int off, int len) {
    ensure(len * 2);
    for (int i = off; i < off + len; i++) {
      bytes[length++] = HEX[(b[i] >>> 4) & 0xF];
      bytes[length++] = HEX[b[i] & 0xF];
    }
    return this;
  }

  public Text set(String s) {
    return clear().append(s);
  }

  public Text set(Text o) {
    clear();
    return append(o.bytes, 0, o.length);
  }

  public boolean contentEquals(String s) {
    return toString().equals(s);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
