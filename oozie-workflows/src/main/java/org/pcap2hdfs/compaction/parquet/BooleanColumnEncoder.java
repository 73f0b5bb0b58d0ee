package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * BOOLEAN columns: PLAIN, one bit per value, LSB first (parquet-mr's v1 writer has no dictionary
 * for them).
 */
final class BooleanColumnEncoder extends ColumnEncoder {
  private final PageBuffer bits = new PageBuffer(1 << 10);
  private int current;
  private int count;
  private boolean hasFalse;
  private boolean hasTrue;

  BooleanColumnEncoder(ColumnDescriptor column, PageWriter pages, int pageSize, int pageRowLimit) {
    super(column, pages, pageSize, pageRowLimit);
  }

  @Override
  void addValues(long[] values, boolean[] isNull, int n, byte[] arena) {
    int cur = current;
    int c = count;
    boolean t = hasTrue;
    boolean f = hasFalse;
    bits.ensure(n / 8 + 1);
    for (int r = 0; r < n; r++) {
      if (isNull[r]) {
        continue;
      }
      boolean v = values[r] != 0;
      t |= v;
      f |= !v;
      cur |= (v ? 1 : 0) << (c & 7);
      if ((++c & 7) == 0) {
        bits.putByte(cur);
        cur = 0;
      }
    }
    current = cur;
    count = c;
    hasTrue = t;
    hasFalse = f;
  }

  @Override
  long pendingValueBytes() {
    return bits.length() + 1;
  }

  @Override
  Encoding writeValues(PageBuffer out) {
    out.write(bits);
    if ((count & 7) != 0) {
      out.writeByte(current);
    }
    return Encoding.PLAIN;
  }

  @Override
  Statistics<?> pageStatistics() {
    Statistics<?> s = Statistics.createStats(type);
    if (hasFalse) {
      s.updateStats(false);
    }
    if (hasTrue) {
      s.updateStats(true);
    }
    return s;
  }

  @Override
  void resetPage() {
    bits.reset();
    current = 0;
    count = 0;
    hasFalse = false;
    hasTrue = false;
  }

  @Override
  void writeDictionary() {}

  @Override
  long dictionaryBytes() {
    return 0;
  }
}
