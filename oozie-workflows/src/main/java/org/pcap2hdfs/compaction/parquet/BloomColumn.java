package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilterWriter;
import org.apache.parquet.io.api.Binary;

/**
 * The Parquet split-block Bloom filter of one string column of one row group. The XXH64 hashes of
 * the values are collected while rows arrive; at the end the filter is sized for the exact number
 * of distinct values at {@link #FPP} false positives (at most {@link #MAX_BYTES}, parquet-mr's
 * default cap) and handed to the column's page writer, which writes it with the row group.
 */
final class BloomColumn {
  static final double FPP = 0.01;
  static final int MAX_BYTES = 1 << 20;
  private static final int MIN_BYTES = 32;

  private final BlockSplitBloomFilter hasher = new BlockSplitBloomFilter(MIN_BYTES);
  private final LongHashSet hashes = new LongHashSet();
  private final PageWriter pages;

  BloomColumn(PageWriter pages) {
    if (!(pages instanceof BloomFilterWriter)) {
      throw new IllegalArgumentException("page writer cannot write Bloom filters: " + pages);
    }
    this.pages = pages;
  }

  /** Adds the non-null values of a batch ({@code offset << 32 | length} into {@code arena}). */
  void add(long[] values, boolean[] isNull, int n, byte[] arena) {
    int lastOff = -1;
    int lastLen = -1;
    for (int r = 0; r < n; r++) {
      if (isNull[r]) {
        continue;
      }
      int off = (int) (values[r] >>> 32);
      int len = (int) values[r];
      if (lastOff >= 0
          && len == lastLen
          && java.util.Arrays.equals(arena, off, off + len, arena, lastOff, lastOff + len)) {
        continue; // sorted columns repeat: skip the hash
      }
      hashes.add(hasher.hash(Binary.fromReusedByteArray(arena, off, len)));
      lastOff = off;
      lastLen = len;
    }
  }

  /** Builds the filter and hands it to the page writer (before the row group is flushed). */
  void finish() throws IOException {
    int bytes = BlockSplitBloomFilter.optimalNumOfBits(Math.max(1, hashes.size()), FPP) / 8;
    BlockSplitBloomFilter filter =
        new BlockSplitBloomFilter(Math.max(MIN_BYTES, Math.min(MAX_BYTES, bytes)), MAX_BYTES);
    hashes.forEach(filter::insertHash);
    ((BloomFilterWriter) pages).writeBloomFilter(filter);
  }
}
