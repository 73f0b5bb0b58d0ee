package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * INT32, INT64 and DOUBLE columns (values given as sign-extended ints, longs or double bits), with
 * a dictionary of longs.
 */
final class NumberColumnEncoder extends DictionaryColumnEncoder {
  private final int width;
  private final boolean isDouble;
  private LongDictionary dictionary;
  private int[] seen = new int[1024];
  private long lastValue;
  private boolean hasValue;
  private long min;
  private long max;
  private Statistics<?> doubleStats;

  /**
   * @param maxDictionaryBytes dictionary budget (plain-encoded bytes); negative: no dictionary
   */
  NumberColumnEncoder(
      ColumnDescriptor column,
      PageWriter pages,
      int pageSize,
      int pageRowLimit,
      long maxDictionaryBytes) {
    super(column, pages, pageSize, pageRowLimit, maxDictionaryBytes);
    PrimitiveTypeName t = type.getPrimitiveTypeName();
    this.width = t == PrimitiveTypeName.INT32 ? 4 : 8;
    this.isDouble = t == PrimitiveTypeName.DOUBLE;
    this.dictionary = dictMode ? new LongDictionary() : null;
    if (isDouble) {
      doubleStats = Statistics.createStats(type);
    }
  }

  @Override
  void addValues(long[] values, boolean[] isNull, int n, byte[] arena) {
    int r = dictMode ? addIds(values, isNull, n) : 0;
    if (r < n) {
      addPlain(values, isNull, r, n);
    }
  }

  /**
   * Dictionary-encodes rows from 0 until done or the dictionary overflows; returns where it ended.
   */
  private int addIds(long[] values, boolean[] isNull, int n) {
    if (ids.length < idCount + n) {
      ids = Arrays.copyOf(ids, Math.max(idCount + n, ids.length * 2));
    }
    int[] idz = ids;
    int count = idCount;
    int stamp = pageNo + 1;
    LongDictionary dict = dictionary;
    for (int r = 0; r < n; r++) {
      if (isNull[r]) {
        continue;
      }
      long v = values[r];
      int id;
      if (v == lastValue && lastId >= 0) {
        id = lastId;
      } else {
        int before = dict.size();
        id = dict.idOf(v);
        lastValue = v;
        lastId = id;
        if (id == before) {
          if (seen.length <= id) {
            seen = Arrays.copyOf(seen, seen.length * 2);
          }
          if ((long) dict.size() * width > maxDictionaryBytes) {
            idz[count++] = id;
            idCount = count;
            stat(v);
            fallBack();
            return r + 1;
          }
        }
      }
      idz[count++] = id;
      if (seen[id] != stamp) {
        seen[id] = stamp;
        stat(v);
      }
    }
    idCount = count;
    return n;
  }

  private void addPlain(long[] values, boolean[] isNull, int from, int n) {
    PageBuffer out = plain;
    out.ensure((n - from) * width);
    for (int r = from; r < n; r++) {
      if (isNull[r]) {
        continue;
      }
      long v = values[r];
      if (width == 4) {
        out.putIntLE((int) v);
      } else {
        out.putLongLE(v);
      }
      stat(v);
    }
  }

  private void stat(long v) {
    if (isDouble) {
      doubleStats.updateStats(Double.longBitsToDouble(v));
    } else if (!hasValue) {
      hasValue = true;
      min = v;
      max = v;
    } else if (v < min) {
      min = v;
    } else if (v > max) {
      max = v;
    }
  }

  @Override
  void idsToPlain() {
    plain.ensure(idCount * width);
    for (int i = 0; i < idCount; i++) {
      long v = dictionary.value(ids[i]);
      if (width == 4) {
        plain.putIntLE((int) v);
      } else {
        plain.putLongLE(v);
      }
    }
  }

  @Override
  void dropDictionary() {
    dictionary = null;
  }

  @Override
  int dictionarySize() {
    return dictionary.size();
  }

  @Override
  long plainPageBytes() {
    return (long) idCount * width;
  }

  @Override
  Statistics<?> pageStatistics() {
    if (isDouble) {
      Statistics<?> s = doubleStats;
      doubleStats = Statistics.createStats(type);
      return s;
    }
    Statistics<?> s = Statistics.createStats(type);
    if (hasValue) {
      if (width == 4) {
        s.updateStats((int) min);
        s.updateStats((int) max);
      } else {
        s.updateStats(min);
        s.updateStats(max);
      }
    }
    return s;
  }

  @Override
  void resetPage() {
    idCount = 0;
    plain.reset();
    hasValue = false;
  }

  @Override
  void writeDictionary() throws IOException {
    if (dictionary == null || !dictionaryUsed) {
      return;
    }
    int n = dictionary.size();
    PageBuffer b = new PageBuffer(n * width);
    b.ensure(n * width);
    for (int id = 0; id < n; id++) {
      long v = dictionary.value(id);
      if (width == 4) {
        b.putIntLE((int) v);
      } else {
        b.putLongLE(v);
      }
    }
    pages.writeDictionaryPage(
        new DictionaryPage(
            BytesInput.from(b.array(), 0, b.length()), n, Encoding.PLAIN_DICTIONARY));
  }

  @Override
  long dictionaryBytes() {
    return dictionary == null ? 0 : (long) dictionary.size() * width;
  }
}
