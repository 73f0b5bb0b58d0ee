package org.pcap2hdfs.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A domain name in presentation form, lower-cased (ASCII A-Z only), without the trailing dot ("."
 * for the root), kept as reusable ASCII bytes. Escaped exactly as dnsjava's {@code
 * Name.toString(true)} prints names: bytes up to 0x20 and from 0x7F as {@code \DDD} (decimal), and
 * {@code . \ " ( ) ; @ $} inside labels with a backslash before them (RFC 1035 §5.1 special
 * characters), so an escaped dot never splits a label.
 */
public final class QName {
  private static final int MAX_TEXT = 255 * 4;

  /** How {@link #appendLabel} writes a byte: as {@link #OUT}, backslash then OUT, or \DDD. */
  private static final byte LITERAL = 0;

  private static final byte BACKSLASHED = 1;
  private static final byte DECIMAL = 2;

  private static final byte[] KIND = new byte[256];

  /** The byte written for a literal or backslashed byte (A-Z lower-cased). */
  private static final byte[] OUT = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      if (c <= 0x20 || c >= 0x7F) {
        KIND[c] = DECIMAL;
      } else if (".\\\"();@$".indexOf(c) >= 0) {
        KIND[c] = BACKSLASHED;
      }
      OUT[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  byte[] text = new byte[64];
  int length;
  int labels;

  /** Hash of the text, kept up to date by every write (compared before the bytes). */
  int hash;

  /** Start offsets in {@link #text} of each label (for suffix lookups). */
  int[] labelStarts = new int[16];

  public byte[] bytes() {
    return text;
  }

  public int length() {
    return length;
  }

  public int labels() {
    return labels;
  }

  /** Offset in {@link #bytes()} where label {@code i} (0 = leftmost) starts. */
  public int labelStart(int i) {
    return labelStarts[i];
  }

  public void clear() {
    length = 0;
    labels = 0;
    hash = 0;
  }

  void startLabel() {
    if (labels > 0) {
      put((byte) '.');
    }
    if (labels == labelStarts.length) {
      labelStarts = Arrays.copyOf(labelStarts, labels * 2);
    }
    labelStarts[labels++] = length;
  }

  void put(byte c) {
    if (length == text.length) {
      text = Arrays.copyOf(text, Math.min(MAX_TEXT, text.length * 2));
    }
    text[length++] = c;
    hash = 31 * hash + c;
  }

  /**
   * Appends a label's wire bytes (after {@link #startLabel()}): lower-cased, escaped, hashed, in
   * one pass over local variables.
   */
  void appendLabel(byte[] src, int off, int len) {
    if (length + len * 4 > text.length) {
      text = Arrays.copyOf(text, Math.max(length + len * 4, text.length * 2));
    }
    byte[] t = text;
    int n = length;
    int h = hash;
    for (int i = off, end = off + len; i < end; i++) {
      int c = src[i] & 0xFF;
      byte kind = KIND[c];
      if (kind == LITERAL) {
        byte o = OUT[c];
        t[n++] = o;
        h = 31 * h + o;
      } else if (kind == BACKSLASHED) {
        t[n++] = '\\';
        t[n++] = (byte) c;
        h = (31 * h + '\\') * 31 + c;
      } else {
        byte d0 = (byte) ('0' + c / 100);
        byte d1 = (byte) ('0' + (c / 10) % 10);
        byte d2 = (byte) ('0' + c % 10);
        t[n++] = '\\';
        t[n++] = d0;
        t[n++] = d1;
        t[n++] = d2;
        h = (((31 * h + '\\') * 31 + d0) * 31 + d1) * 31 + d2;
      }
    }
    length = n;
    hash = h;
  }

  void finishRoot() {
    if (labels == 0) {
      put((byte) '.');
    }
  }

  public void copyFrom(QName o) {
    if (text.length < o.length) {
      text = new byte[o.text.length];
    }
    System.arraycopy(o.text, 0, text, 0, o.length);
    length = o.length;
    hash = o.hash;
    if (labelStarts.length < o.labels) {
      labelStarts = new int[o.labelStarts.length];
    }
    System.arraycopy(o.labelStarts, 0, labelStarts, 0, o.labels);
    labels = o.labels;
  }

  /**
   * Sets this name from its own {@link #toString()} form (checkpoints). Label boundaries are the
   * dots that are not escaped.
   */
  public void restore(String presentation, boolean present) {
    clear();
    if (!present || presentation.equals(".")) {
      if (present) {
        finishRoot();
      }
      return;
    }
    startLabel();
    for (int i = 0; i < presentation.length(); i++) {
      char c = presentation.charAt(i);
      if (c == '\\' && i + 1 < presentation.length()) {
        put((byte) c);
        put((byte) presentation.charAt(++i));
      } else if (c == '.') {
        startLabel();
      } else {
        put((byte) c);
      }
    }
  }

  public boolean contentEquals(QName o) {
    if (hash != o.hash || length != o.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (text[i] != o.text[i]) {
        return false;
      }
    }
    return true;
  }

  public int contentHash() {
    return hash;
  }

  @Override
  public String toString() {
    return new String(text, 0, length, StandardCharsets.ISO_8859_1);
  }
}
