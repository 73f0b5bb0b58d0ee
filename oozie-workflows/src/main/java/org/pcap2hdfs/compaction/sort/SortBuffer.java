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
   * Sorts the records by key, stably. A merge sort moves (prefix, prefix, position) triples and
   * compares only the two 8-byte prefixes (key bytes 0..16), so it never touches the pages. Each
   * run of records whose prefixes tie then has its prefixes reloaded from the next 16 key bytes
   * (one page access per record, not one per comparison) and is sorted again, until the keys differ
   * or end; keys that are equal up to the shorter one's end order by length.
   */
  void sort() {
    int n = count;
    if (aux1.length < n) {
      aux1 = new long[ptrs.length];
      aux2 = new long[ptrs.length];
      auxP = new long[ptrs.length];
    }
    sortRange(0, n);
    resolveTies(0, n, 16);
  }

  /** Sorts [lo, hi) by the prefixes (stable). */
  private void sortRange(int lo, int hi) {
    int n = hi - lo;
    if (n < 2) {
      return;
    }
    System.arraycopy(prefixes, lo, aux1, lo, n);
    System.arraycopy(prefixes2, lo, aux2, lo, n);
    System.arraycopy(ptrs, lo, auxP, lo, n);
    mergeSort(aux1, aux2, auxP, prefixes, prefixes2, ptrs, lo, hi);
  }

  /** [lo, hi) is sorted by key bytes [0, depth) (zero-padded): orders the runs of ties. */
  private void resolveTies(int lo, int hi, int depth) {
    long[] p1 = prefixes;
    long[] p2 = prefixes2;
    int i = lo;
    while (i < hi) {
      int j = i + 1;
      while (j < hi && p1[j] == p1[i] && p2[j] == p2[i]) {
        j++;
      }
      if (j - i > 1) {
        resolveGroup(i, j, depth);
      }
      i = j;
    }
  }

  private void resolveGroup(int lo, int hi, int depth) {
    int maxLen = 0;
    boolean sameLength = true;
    int firstLen = -1;
    for (int k = lo; k < hi; k++) {
      long p = ptrs[k];
      byte[] page = pages[(int) (p >>> 32)];
      int off = (int) p;
      int len = getInt(page, off);
      maxLen = Math.max(maxLen, len);
      sameLength &= firstLen < 0 || len == firstLen;
      firstLen = len;
      prefixes[k] = SortKey.prefix(page, off + 8, len, depth);
      prefixes2[k] = SortKey.prefix(page, off + 8, len, depth + 8);
    }
    if (maxLen <= depth) {
      // Equal up to the end of the shortest: the shorter key is a prefix of the longer.
      if (!sameLength) {
        for (int k = lo; k < hi; k++) {
          long p = ptrs[k];
          prefixes[k] = getInt(pages[(int) (p >>> 32)], (int) p);
          prefixes2[k] = 0;
        }
        sortRange(lo, hi);
      }
      return;
    }
    sortRange(lo, hi);
    resolveTies(lo, hi, depth + 16);
  }

  // Sorts src[lo, hi) into dst[lo, hi) by (prefix, prefix); both start with the same content.
  private static void mergeSort(
      long[] s1, long[] s2, long[] sp, long[] d1, long[] d2, long[] dp, int lo, int hi) {
    int n = hi - lo;
    if (n < 24) {
      for (int i = lo + 1; i < hi; i++) {
        long v1 = d1[i];
        long v2 = d2[i];
        long vp = dp[i];
        int j = i - 1;
        while (j >= lo && greater(d1[j], d2[j], v1, v2)) {
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
    if (!greater(s1[mid - 1], s2[mid - 1], s1[mid], s2[mid])) {
      System.arraycopy(s1, lo, d1, lo, n);
      System.arraycopy(s2, lo, d2, lo, n);
      System.arraycopy(sp, lo, dp, lo, n);
      return;
    }
    for (int i = lo, p = lo, q = mid; i < hi; i++) {
      if (q >= hi || (p < mid && !greater(s1[p], s2[p], s1[q], s2[q]))) {
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

  private static boolean greater(long a1, long a2, long b1, long b2) {
    int c = Long.compareUnsigned(a1, b1);
    return c > 0 || (c == 0 && Long.compareUnsigned(a2, b2) > 0);
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
