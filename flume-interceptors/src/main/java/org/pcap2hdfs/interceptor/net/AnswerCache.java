package org.pcap2hdfs.interceptor.net;

import java.util.Arrays;

/**
 * A small direct-mapped cache from a byte string (an address as text) to a looked-up answer. A hit
 * costs one hash and one comparison and allocates nothing; a colliding key simply replaces the
 * slot. Not thread-safe: one per stage.
 */
public final class AnswerCache<V> {
  private final byte[][] keys;
  private final int[] keyLengths;
  private final Object[] values;
  private final int mask;

  /**
   * @param capacity rounded up to a power of two
   */
  public AnswerCache(int capacity) {
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    keys = new byte[size][];
    keyLengths = new int[size];
    values = new Object[size];
    mask = size - 1;
  }

  /** The cached answer for {@code b[off, off + len)}, or null. */
  @SuppressWarnings("unchecked")
  public V get(byte[] b, int off, int len) {
    int slot = hash(b, off, len) & mask;
    byte[] k = keys[slot];
    if (k == null || keyLengths[slot] != len) {
      return null;
    }
    for (int i = 0; i < len; i++) {
      if (k[i] != b[off + i]) {
        return null;
      }
    }
    return (V) values[slot];
  }

  public void put(byte[] b, int off, int len, V value) {
    int slot = hash(b, off, len) & mask;
    byte[] k = keys[slot];
    if (k == null || k.length < len) {
      k = new byte[Math.max(len, 16)];
      keys[slot] = k;
    }
    System.arraycopy(b, off, k, 0, len);
    keyLengths[slot] = len;
    values[slot] = value;
  }

  public void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
  }

  private static int hash(byte[] b, int off, int len) {
    int h = len;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
