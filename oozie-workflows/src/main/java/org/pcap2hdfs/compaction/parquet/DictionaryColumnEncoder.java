package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;

/**
 * A column that is dictionary-encoded while its dictionary stays within its byte budget and pays
 * for itself on the first page that has values (parquet-mr's rules), and PLAIN otherwise or once it
 * falls back. Subclasses keep the dictionary and fill {@link #ids} or {@link #plain}.
 */
abstract class DictionaryColumnEncoder extends ColumnEncoder {
  final long maxDictionaryBytes;
  boolean dictMode;
  boolean dictionaryUsed;
  int[] ids = new int[1024];
  int idCount;
  int lastId = -1;
  final PageBuffer plain = new PageBuffer(1 << 12);

  /**
   * @param maxDictionaryBytes dictionary budget (plain-encoded bytes); negative: no dictionary
   */
  DictionaryColumnEncoder(
      ColumnDescriptor column,
      PageWriter pages,
      int pageSize,
      int pageRowLimit,
      long maxDictionaryBytes) {
    super(column, pages, pageSize, pageRowLimit);
    this.maxDictionaryBytes = maxDictionaryBytes;
    this.dictMode = maxDictionaryBytes >= 0;
  }

  /** Entries in the dictionary. */
  abstract int dictionarySize();

  /** The current page's values, PLAIN-encoded: what the dictionary must beat. */
  abstract long plainPageBytes();

  /** Writes the current page's ids into {@link #plain} as PLAIN values. */
  abstract void idsToPlain();

  /** Forgets a dictionary that was never used in a page. */
  abstract void dropDictionary();

  @Override
  final long pendingValueBytes() {
    if (!dictMode) {
      return plain.length();
    }
    return ((long) idCount * RleHybrid.bitWidth(dictionarySize()) + 7) / 8;
  }

  @Override
  final Encoding writeValues(PageBuffer out) {
    if (dictMode && idCount == 0) {
      return Encoding.PLAIN; // no values: nothing to encode (a dictionary may not exist yet)
    }
    if (dictMode) {
      int start = out.length();
      int bitWidth = RleHybrid.bitWidth(dictionarySize() - 1);
      out.writeByte(bitWidth);
      RleHybrid.encode(ids, idCount, bitWidth, out);
      if (dictionaryUsed) {
        return Encoding.PLAIN_DICTIONARY;
      }
      // The first page with values decides whether the dictionary pays (as in parquet-mr).
      if (out.length() - start + dictionaryBytes() < plainPageBytes()) {
        dictionaryUsed = true;
        return Encoding.PLAIN_DICTIONARY;
      }
      out.truncate(start);
      fallBack();
    }
    out.write(plain);
    return Encoding.PLAIN;
  }

  /** From now on PLAIN: the current page's ids become plain values. */
  final void fallBack() {
    dictMode = false;
    plain.reset();
    idsToPlain();
    idCount = 0;
    lastId = -1;
    if (!dictionaryUsed) {
      dropDictionary();
    }
  }
}
