package org.pcap2hdfs.compaction.sort;

import java.util.Arrays;

/**
 * Records (key, datum) held in memory in fixed-size pages up to a byte budget, sorted by key.
 * Sorting moves only an index of record positions, comparing an 8-byte key prefix first; records
 * are never copied. The pages are kept and reused after {@link #clear()}.
 */
final class SortBuffer {
  private static final int MAX_PAGE_SIZE = 4 << 20;
  private static final int MIN_PAGE_SIZE = 64 << 10;
  private static final int INDEX_BYTES_PER_RECORD = 8 + 8 + 4 + 4;

  private final long budget;
  private final int pageSize;
  private byte[][] pages = new byte[0][];
  private int pagesInUse;
  private int pos;
  private long[] ptrs = new long[1 << 12];
  private long[] prefixes = new long[1 << 12];
  private int[] order = new int[0];
  private int count;

  SortBuffer(long budget) {
    this.budget = budget;
    this.pageSize = (int) Math.max(MIN_PAGE_SIZE, Math.min(MAX_PAGE_SIZE, budget / 16));
  }

  int size() {
    return count;
  }

  /** Bytes held: pages in use plus the index. */
  long memory() {
    return (long) pagesInUse * pageSize + (long) ptrs.length * INDEX_BYTES_PER_RECORD;
  }

  /**
   * Appends a record unless that would exceed the budget (an empty buffer always accepts one).
   *
   * @return false when the buffer is full: sort and drain it, then {@link #clear()}
   */
  boolean add(byte[] key, int keyOff, int keyLen, byte[] datum, int datumOff, int datumLen) {
    int need = 8 + keyLen + datumLen;
    if (count == ptrs.length) {
      long grown = (long) ptrs.length * 3 / 2;
      if (count > 0 && memory() + (grown - ptrs.length) * INDEX_BYTES_PER_RECORD > budget) {
        return false;
      }
      ptrs = Arrays.copyOf(ptrs, (int) grown);
      prefixes = Arrays.copyOf(prefixes, (int) grown);
    }
    if (pagesInUse == 0 || pos + need > pages[pagesInUse - 1].length) {
      if (count > 0 && memory() + Math.max(need, pageSize) > budget) {
        return false;
      }
      nextPage(need);
    }
    byte[] page = pages[pagesInUse - 1];
    int p = pos;
    putInt(page, p, keyLen);
    putInt(page, p + 4, datumLen);
    System.arraycopy(key, keyOff, page, p + 8, keyLen);
    System.arraycopy(datum, datumOff, page, p + 8 + keyLen, datumLen);
    ptrs[count] = ((long) (pagesInUse - 1) << 32) | p;
    prefixes[count] = SortKey.prefix(key, keyOff, keyLen);
    count++;
    pos = p + need;
    return true;
  }

  private void nextPage(int need) {
    if (pagesInUse < pages.length
        && pages[pagesInUse] != null
        && pages[pagesInUse].length >= need) {
      pagesInUse++;
    } else {
      if (pagesInUse == pages.length) {
        pages = Arrays.copyOf(pages, pages.length + 8);
      }
      pages[pagesInUse++] = new byte[Math.max(need, pageSize)];
    }
    pos = 0;
  }

  /** Empties the buffer, keeping standard-size pages for reuse. */
  void clear() {
    for (int i = 0; i < pagesInUse; i++) {
      if (pages[i].length != pageSize) {
        pages[i] = null;
      }
    }
    pagesInUse = 0;
    pos = 0;
    count = 0;
  }

  /** Sorts the records by key (stable merge sort over the index). */
  void sort() {
    if (order.length < count) {
      order = new int[ptrs.length];
    }
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    int[] aux = new int[count];
    System.arraycopy(order, 0, aux, 0, count);
    mergeSort(aux, order, 0, count);
  }

  // Sorts src[lo, hi) into dst[lo, hi); both start with the same content.
  private void mergeSort(int[] src, int[] dst, int lo, int hi) {
    int n = hi - lo;
    if (n < 24) {
      for (int i = lo + 1; i < hi; i++) {
        int v = dst[i];
        int j = i - 1;
        while (j >= lo && compare(dst[j], v) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(dst, src, lo, mid);
    mergeSort(dst, src, mid, hi);
    if (compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, lo, dst, lo, n);
      return;
    }
    for (int i = lo, p = lo, q = mid; i < hi; i++) {
      if (q >= hi || (p < mid && compare(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }

  private int compare(int a, int b) {
    int c = Long.compareUnsigned(prefixes[a], prefixes[b]);
    if (c != 0) {
      return c;
    }
    long pa = ptrs[a];
    long pb = ptrs[b];
    byte[] ka = pages[(int) (pa >>> 32)];
    byte[] kb = pages[(int) (pb >>> 32)];
    int oa = (int) pa;
    int ob = (int) pb;
    return SortKey.compare(ka, oa + 8, getInt(ka, oa), kb, ob + 8, getInt(kb, ob));
  }

  /** A cursor over the records in sorted order; valid until the buffer changes. */
  RecordCursor sortedCursor() {
    return new RecordCursor() {
      private int i = -1;
      private byte[] page;
      private int off;

      @Override
      public boolean next() {
        if (++i >= count) {
          return false;
        }
        long p = ptrs[order[i]];
        page = pages[(int) (p >>> 32)];
        off = (int) p;
        return true;
      }

      @Override
      public byte[] keyArray() {
        return page;
      }

      @Override
      public int keyOffset() {
        return off + 8;
      }

      @Override
      public int keyLength() {
        return getInt(page, off);
      }

      @Override
      public byte[] datumArray() {
        return page;
      }

      @Override
      public int datumOffset() {
        return off + 8 + getInt(page, off);
      }

      @Override
      public int datumLength() {
        return getInt(page, off + 4);
      }
    };
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
