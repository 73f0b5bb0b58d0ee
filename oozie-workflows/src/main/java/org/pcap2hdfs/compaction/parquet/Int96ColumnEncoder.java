package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * The legacy INT96 timestamp of a REQUIRED column of epoch microseconds (UTC): PLAIN, 12 bytes per
 * value, the nanoseconds of the day as a little-endian long, then the Julian day as a little-endian
 * int (the layout of Impala, Hive and parquet-mr). No dictionary (the values are nearly unique) and
 * no min/max statistics (INT96 has no defined sort order; parquet-mr drops them as well).
 */
final class Int96ColumnEncoder extends ColumnEncoder {
  /** Julian day number of 1970-01-01. */
  static final int JULIAN_EPOCH_DAY = 2_440_588;

  static final long MICROS_PER_DAY = 86_400_000_000L;

  private final PageBuffer values = new PageBuffer(1 << 12);

  Int96ColumnEncoder(ColumnDescriptor column, PageWriter pages, int pageSize, int pageRowLimit) {
    super(column, pages, pageSize, pageRowLimit);
  }

  @Override
  void addValues(long[] micros, boolean[] isNull, int n, byte[] arena) {
    values.ensure(12 * n);
    for (int r = 0; r < n; r++) {
      long us = micros[r];
      values.putLongLE(Math.floorMod(us, MICROS_PER_DAY) * 1000);
      values.putIntLE((int) (Math.floorDiv(us, MICROS_PER_DAY) + JULIAN_EPOCH_DAY));
    }
  }

  @Override
  long pendingValueBytes() {
    return values.length();
  }

  @Override
  Encoding writeValues(PageBuffer out) {
    out.write(values);
    return Encoding.PLAIN;
  }

  @Override
  Statistics<?> pageStatistics() {
    return Statistics.createStats(type);
  }

  @Override
  void resetPage() {
    values.reset();
  }

  @Override
  void writeDictionary() {}

  @Override
  long dictionaryBytes() {
    return 0;
  }
}
