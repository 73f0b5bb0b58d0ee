package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * BINARY (UTF8) columns; each value is given as {@code offset << 32 | length} into the batch's byte
 * arena. Statistics compare unsigned bytes (the order of UTF8 strings); with the dictionary only
 * values new to the page are compared.
 */
final class StringColumnEncoder extends DictionaryColumnEncoder {
  private BinaryDictionary dictionary;
  private long dictionaryBytes;
  private int[] seen = new int[1024];
  private long rawBytes;
  private boolean hasValue;
  private byte[] min = new byte[64];
  private int minLength;
  private byte[] max = new byte[64];
  private int maxLength;

  /**
   * @param maxDictionaryBytes dictionary budget (plain-encoded bytes); negative: no dictionary
   */
  StringColumnEncoder(
      ColumnDescriptor column,
      PageWriter pages,
      int pageSize,
      int pageRowLimit,
      long maxDictionaryBytes) {
    super(column, pages, pageSize, pageRowLimit, maxDictionaryBytes);
    this.dictionary = dictMode ? new BinaryDictionary() : null;
  }

  @Override
  void addValues(long[] values, boolean[] isNull, int n, byte[] arena) {
    int r = dictMode ? addIds(values, isNull, n, arena) : 0;
    if (r < n) {
      addPlain(values, isNull, r, n, arena);
    }
  }

  private int addIds(long[] values, boolean[] isNull, int n, byte[] arena) {
    if (ids.length < idCount + n) {
      ids = Arrays.copyOf(ids, Math.max(idCount + n, ids.length * 2));
    }
    int[] idz = ids;
    int count = idCount;
    int stamp = pageNo + 1;
    BinaryDictionary dict = dictionary;
    long raw = 0;
    try {
      for (int r = 0; r < n; r++) {
        if (isNull[r]) {
          continue;
        }
        long v = values[r];
        int off = (int) (v >>> 32);
        int len = (int) v;
        raw += 4 + len;
        int id;
        if (lastId >= 0 && dict.matches(lastId, arena, off, len)) {
          id = lastId;
        } else {
          int before = dict.size();
          id = dict.idOf(arena, off, len);
          lastId = id;
          if (id == before) {
            if (seen.length <= id) {
              seen = Arrays.copyOf(seen, seen.length * 2);
            }
            dictionaryBytes += 4 + len;
            if (dictionaryBytes > maxDictionaryBytes) {
              idz[count++] = id;
              idCount = count;
              stat(arena, off, len);
              fallBack();
              return r + 1;
            }
          }
        }
        idz[count++] = id;
        if (seen[id] != stamp) {
          seen[id] = stamp;
          stat(dict.data(), dict.offset(id), dict.length(id));
        }
      }
      idCount = count;
      return n;
    } finally {
      rawBytes += raw;
    }
  }

  private void addPlain(long[] values, boolean[] isNull, int from, int n, byte[] arena) {
    PageBuffer out = plain;
    for (int r = from; r < n; r++) {
      if (isNull[r]) {
        continue;
      }
      long v = values[r];
      int off = (int) (v >>> 32);
      int len = (int) v;
      out.writeIntLE(len);
      out.write(arena, off, len);
      stat(arena, off, len);
    }
  }

  private void stat(byte[] b, int off, int len) {
    if (!hasValue) {
      hasValue = true;
      min = copy(min, b, off, len);
      minLength = len;
      max = copy(max, b, off, len);
      maxLength = len;
    } else if (Arrays.compareUnsigned(b, off, off + len, min, 0, minLength) < 0) {
      min = copy(min, b, off, len);
      minLength = len;
    } else if (Arrays.compareUnsigned(b, off, off + len, max, 0, maxLength) > 0) {
      max = copy(max, b, off, len);
      maxLength = len;
    }
  }

  private static byte[] copy(byte[] into, byte[] b, int off, int len) {
    byte[] d = into.length >= len ? into : new byte[Math.max(len, into.length * 2)];
    System.arraycopy(b, off, d, 0, len);
    return d;
  }

  @Override
  void idsToPlain() {
    BinaryDictionary dict = dictionary;
    for (int i = 0; i < idCount; i++) {
      int id = ids[i];
      plain.writeIntLE(dict.length(id));
      plain.write(dict.data(), dict.offset(id), dict.length(id));
    }
  }

  @Override
  void dropDictionary() {
    dictionary = null;
    dictionaryBytes = 0;
  }

  @Override
  int dictionarySize() {
    return dictionary.size();
  }

  @Override
  long plainPageBytes() {
    return rawBytes;
  }

  @Override
  Statistics<?> pageStatistics() {
    Statistics<?> s = Statistics.createStats(type);
    if (hasValue) {
      s.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(min, minLength)));
      s.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(max, maxLength)));
    }
    return s;
  }

  @Override
  void resetPage() {
    idCount = 0;
    rawBytes = 0;
    plain.reset();
    hasValue = false;
  }

  @Override
  void writeDictionary() throws IOException {
    if (dictionary == null || !dictionaryUsed) {
      return;
    }
    BinaryDictionary dict = dictionary;
    int n = dict.size();
    PageBuffer b = new PageBuffer((int) dictionaryBytes);
    for (int id = 0; id < n; id++) {
      b.writeIntLE(dict.length(id));
      b.write(dict.data(), dict.offset(id), dict.length(id));
    }
    pages.writeDictionaryPage(
        new DictionaryPage(
            BytesInput.from(b.array(), 0, b.length()), n, Encoding.PLAIN_DICTIONARY));
  }

  @Override
  long dictionaryBytes() {
    return dictionary == null ? 0 : dictionaryBytes;
  }
}
