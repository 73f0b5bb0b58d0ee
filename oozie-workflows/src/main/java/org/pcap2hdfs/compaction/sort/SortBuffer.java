package org.pcap2hdfs.compaction.sort;

import java.util.Arrays;

/**
 * Records (key, datum) held in memory in fixed-size pages up to a byte budget, sorted by key.
 * Sorting moves only an index of record positions, comparing a 16-byte key prefix first; records
 * are never copied. The pages are kept and reused after {@link #clear()}.
 */
final class SortBuffer {
  private static final int MAX_PAGE_SIZE = 4 << 20;
  private static final int MIN_PAGE_SIZE = 64 << 10;
  private static final int INDEX_BYTES_PER_RECORD = 2 * (8 + 16);

  private final long budget;
  private final int pageSize;
  private byte[][] pages = new byte[0][];
  private int pagesInUse;
  private int pos;
  private long[] ptrs = new long[1 << 12];
  private long[] prefixes = new long[1 << 12];
  private long[] prefixes2 = new long[1 << 12];
  private long[] aux1 = new long[0];
  private long[] aux2 = new long[0];
  private long[] auxP = new long[0];
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
      prefixes2 = Arrays.copyOf(prefixes2, (int) grown);
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
    prefixes[count] = SortKey.prefix(key, keyOff, keyLen, 0);
    prefixes2[count] = SortKey.prefix(key, keyOff, keyLen, 8);
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

  /**
   * Sorts the records by key: a stable merge sort that moves (prefix, prefix, position) triples
   * together, so comparisons read memory sequentially and only ties on 16 bytes touch the pages.
   */
  void sort() {
    int n = count;
    if (aux1.length < n) {
      aux1 = new long[ptrs.length];
      aux2 = new long[ptrs.length];
      auxP = new long[ptrs.length];
    }
    System.arraycopy(prefixes, 0, aux1, 0, n);
    System.arraycopy(prefixes2, 0, aux2, 0, n);
    System.arraycopy(ptrs, 0, auxP, 0, n);
    mergeSort(aux1, aux2, auxP, prefixes, prefixes2, ptrs, 0, n);
  }

  // Sorts src[lo, hi) into dst[lo, hi); both start with the same content.
  private void mergeSort(
      long[] s1, long[] s2, long[] sp, long[] d1, long[] d2, long[] dp, int lo, int hi) {
    int n = hi - lo;
    if (n < 24) {
      for (int i = lo + 1; i < hi; i++) {
        long v1 = d1[i];
        long v2 = d2[i];
        long vp = dp[i];
        int j = i - 1;
        while (j >= lo && compare(d1[j], d2[j], dp[j], v1, v2, vp) > 0) {
          d1[j + 1] = d1[j];
          d2[j + 1] = d2[j];
          dp[j + 1] = dp[j];
          j--;
        }
        d1[j + 1] = v1;
        d2[j + 1] = v2;
        dp[j + 1] = vp;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(d1, d2, dp, s1, s2, sp, lo, mid);
    mergeSort(d1, d2, dp, s1, s2, sp, mid, hi);
    if (compare(s1[mid - 1], s2[mid - 1], sp[mid - 1], s1[mid], s2[mid], sp[mid]) <= 0) {
      System.arraycopy(s1, lo, d1, lo, n);
      System.arraycopy(s2, lo, d2, lo, n);
      System.arraycopy(sp, lo, dp, lo, n);
      return;
    }
    for (int i = lo, p = lo, q = mid; i < hi; i++) {
      if (q >= hi || (p < mid && compare(s1[p], s2[p], sp[p], s1[q], s2[q], sp[q]) <= 0)) {
        d1[i] = s1[p];
        d2[i] = s2[p];
        dp[i] = sp[p++];
      } else {
        d1[i] = s1[q];
        d2[i] = s2[q];
        dp[i] = sp[q++];
      }
    }
  }

  private int compare(long a1, long a2, long pa, long b1, long b2, long pb) {
    int c = Long.compareUnsigned(a1, b1);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a2, b2);
    if (c != 0) {
      return c;
    }
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
        long p = ptrs[i];
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
