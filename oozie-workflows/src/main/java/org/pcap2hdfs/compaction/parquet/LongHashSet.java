package org.pcap2hdfs.compaction.parquet;

/** A set of longs, open addressing (linear probing); grows at half full. */
final class LongHashSet {
  private long[] slots = new long[1 << 10];
  private boolean hasZero;
  private int size;

  void add(long v) {
    if (v == 0) {
      if (!hasZero) {
        hasZero = true;
        size++;
      }
      return;
    }
    if (insert(slots, v)) {
      size++;
      if (size * 2 > slots.length) {
        grow();
      }
    }
  }

  int size() {
    return size;
  }

  /** Calls {@code f} once per element. */
  void forEach(java.util.function.LongConsumer f) {
    if (hasZero) {
      f.accept(0);
    }
    for (long v : slots) {
      if (v != 0) {
        f.accept(v);
      }
    }
  }

  private static boolean insert(long[] table, long v) {
    int mask = table.length - 1;
    int i = (int) (v ^ (v >>> 29)) & mask;
    while (table[i] != 0) {
      if (table[i] == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = v;
    return true;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long v : slots) {
      if (v != 0) {
        insert(bigger, v);
      }
    }
    slots = bigger;
  }
}
