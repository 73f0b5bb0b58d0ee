package org.pcap2hdfs.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A domain name in presentation form, lower-cased, without the trailing dot ("." for the root),
 * kept as reusable ASCII bytes. Non-printable bytes are escaped as {@code \DDD}, dots and
 * backslashes inside labels with a backslash, as dnsjava prints them.
 */
public final class QName {
  private static final int MAX_TEXT = 255 * 4;

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

  /** Appends one wire byte of a label, lower-cased and escaped. */
  void putLabelByte(int c) {
    if (c >= 'A' && c <= 'Z') {
      put((byte) (c + 32));
    } else if (c > 0x20 && c < 0x7F) {
      if (c == '.' || c == '\\') {
        put((byte) '\\');
      }
      put((byte) c);
    } else {
      put((byte) '\\');
      put((byte) ('0' + c / 100));
      put((byte) ('0' + (c / 10) % 10));
      put((byte) ('0' + c % 10));
    }
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
