package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Encodes one flat column of one row group into Parquet v1 data pages, handed to a {@link
 * PageWriter} (which compresses, collects and indexes them). Values arrive in batches of rows: a
 * {@code long} per row (numbers, double bits, booleans as 0/1, or for strings the offset and length
 * in a byte arena) and a null flag. Definition levels (optional columns) are RLE/bit-packed per
 * page; subclasses encode the values and the page statistics. A page ends after the batch that
 * takes it to the row limit or the byte size.
 *
 * <p>Pages are what parquet-mr's own v1 writer produces: definition levels as a 4-byte length and
 * the RLE hybrid encoding, then the values (PLAIN, or PLAIN_DICTIONARY: a bit-width byte and the
 * RLE hybrid encoding of dictionary ids); repetition levels never occur (flat schema).
 */
abstract class ColumnEncoder {
  /** Footer bytes per page (column-index and offset-index entries), measured on 1 MB files. */
  private static final int PAGE_INDEX_BYTES = 24;

  final ColumnDescriptor column;
  final PrimitiveType type;
  final PageWriter pages;
  private final boolean optional;
  private final int pageSize;
  private final int pageRowLimit;
  private final PageBuffer page = new PageBuffer(1 << 12);
  private int[] defs = new int[0];
  int pageRows;
  int pageNulls;

  /** Pages written so far; {@code pageNo + 1} stamps values seen in the current page. */
  int pageNo;

  ColumnEncoder(ColumnDescriptor column, PageWriter pages, int pageSize, int pageRowLimit) {
    this.column = column;
    this.type = column.getPrimitiveType();
    this.pages = pages;
    this.optional = column.getMaxDefinitionLevel() > 0;
    this.pageSize = pageSize;
    this.pageRowLimit = pageRowLimit;
  }

  /**
   * Adds rows {@code [0, n)} of a batch and ends the page when it is full.
   *
   * @param nullCount how many of the rows are null
   * @param arena the bytes that string values point into
   */
  final void add(long[] values, boolean[] isNull, int nullCount, int n, byte[] arena)
      throws IOException {
    if (optional) {
      if (defs.length < pageRows + n) {
        defs = Arrays.copyOf(defs, Math.max(pageRows + n, defs.length * 2));
      }
      int[] d = defs;
      int base = pageRows;
      if (nullCount == 0 || nullCount == n) {
        Arrays.fill(d, base, base + n, nullCount == 0 ? 1 : 0);
      } else {
        for (int r = 0; r < n; r++) {
          d[base + r] = isNull[r] ? 0 : 1;
        }
      }
      pageNulls += nullCount;
    }
    if (nullCount < n) {
      addValues(values, isNull, n, arena);
    }
    pageRows += n;
    if (pageRows >= pageRowLimit || pendingValueBytes() >= pageSize) {
      writePage();
    }
  }

  /** Adds the non-null values of rows {@code [0, n)}. */
  abstract void addValues(long[] values, boolean[] isNull, int n, byte[] arena);

  /** Bytes the values of the current page take, encoded (roughly). */
  abstract long pendingValueBytes();

  /** Appends the encoded values of the current page to {@code out}; returns their encoding. */
  abstract Encoding writeValues(PageBuffer out) throws IOException;

  /** The statistics of the values of the current page (nulls are counted by the caller). */
  abstract Statistics<?> pageStatistics();

  /** Forgets the values of the current page (after it was written). */
  abstract void resetPage();

  /** Writes the dictionary page, if pages used one. */
  abstract void writeDictionary() throws IOException;

  /** Bytes of the dictionary kept for this chunk (0 without one). */
  abstract long dictionaryBytes();

  private void writePage() throws IOException {
    PageBuffer out = page;
    out.reset();
    if (optional) {
      int lengthAt = out.length();
      out.writeIntLE(0);
      if (pageNulls == 0 || pageNulls == pageRows) {
        // One RLE run (as the general encoder would write it, without scanning).
        out.writeUnsignedVarInt(pageRows << 1);
        out.writeByte(pageNulls == 0 ? 1 : 0);
      } else {
        RleHybrid.encode(defs, pageRows, 1, out);
      }
      out.setIntLE(lengthAt, out.length() - lengthAt - 4);
    }
    Encoding encoding = writeValues(out);
    Statistics<?> stats = pageStatistics();
    stats.incrementNumNulls(pageNulls);
    pages.writePage(
        out.view(),
        pageRows,
        pageRows,
        stats,
        Encoding.BIT_PACKED,
        optional ? Encoding.RLE : Encoding.BIT_PACKED,
        encoding);
    pageRows = 0;
    pageNulls = 0;
    pageNo++;
    resetPage();
  }

  /** Writes the last page and the dictionary: the chunk is complete in the page writer. */
  final void finish() throws IOException {
    if (pageRows > 0) {
      writePage();
    }
    writeDictionary();
  }

  /**
   * Estimated bytes of the chunk in the file: pages written (compressed, with headers), their
   * entries in the footer's column and offset indexes, the current page and the dictionary (both
   * uncompressed).
   */
  final long bufferedSize() {
    return pages.getMemSize()
        + (long) pageNo * PAGE_INDEX_BYTES
        + pendingValueBytes()
        + (optional ? pageRows / 8 : 0)
        + dictionaryBytes();
  }
}
