package org.pcap2hdfs.compaction.parquet;

import java.util.Arrays;

/**
 * The dictionary of one numeric column chunk: distinct 64-bit values (ints sign-extended, doubles
 * as their raw bits) numbered in order of first appearance, found through an open-addressing hash
 * table.
 */
final class LongDictionary {
  private long[] keys;
  private int[] slots; // id + 1; 0 = empty
  private int mask;
  private int shift;
  private long[] values = new long[256];
  private int size;

  LongDictionary() {
    allocate(1 << 10);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    slots = new int[capacity];
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  int size() {
    return size;
  }

  long value(int id) {
    return values[id];
  }

  /** The id of {@code v}, added when new (then the id is {@code size() - 1}). */
  int idOf(long v) {
    int i = (int) ((v * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return add(v, i);
      }
      if (keys[i] == v) {
        return s - 1;
      }
      i = (i + 1) & mask;
    }
  }

  private int add(long v, int slot) {
    int id = size;
    if (id == values.length) {
      values = Arrays.copyOf(values, id * 2);
    }
    values[id] = v;
    size = id + 1;
    keys[slot] = v;
    slots[slot] = id + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    allocate(slots.length * 2);
    for (int id = 0; id < size; id++) {
      long v = values[id];
      int i = (int) ((v * 0x9E3779B97F4A7C15L) >>> shift);
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = v;
      slots[i] = id + 1;
    }
  }
}
