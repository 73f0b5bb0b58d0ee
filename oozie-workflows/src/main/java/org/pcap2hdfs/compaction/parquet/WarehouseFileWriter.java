package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;
import org.pcap2hdfs.compaction.avro.DatumLayout;
import org.pcap2hdfs.row.Fields;

/**
 * One warehouse Parquet file with a single row group, written straight from Avro datums: no record
 * objects, no record-consumer layer, and none of parquet-mr's per-value column writers. Rows are
 * gathered into small column batches (numbers in long arrays, string bytes in one arena) and handed
 * column by column to our {@link ColumnEncoder}s, which build Parquet v1 pages (dictionary, RLE
 * definition levels, statistics) in bulk; parquet-mr's page store compresses and collects the pages
 * and its file writer writes the row group, the column and offset indexes and the footer. The
 * columns are those of {@link WarehouseSchema}: {@code query_ts} (from time_us or time) and then
 * the event fields. Nothing is on disk in final form until {@link #close()}.
 */
final class WarehouseFileWriter {
  /** Columns whose values are (nearly) unique per row: dictionary encoding would only cost. */
  private static final List<String> NO_DICTIONARY =
      List.of(WarehouseSchema.QUERY_TS, "time", "time_us", "res_time_us", "event_id");

  private final FixedBlockOutputFile out;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final ColumnChunkPageWriteStore pages;
  private final ColumnEncoder queryTs;
  private final ColumnEncoder[] columns;
  private final int queryTsSource;
  private final Map<String, String> metadata;
  private final int[] cursor = new int[1];
  private final int batchSize;
  private final long[][] values;
  private final boolean[][] nulls;
  private final boolean[] noNulls;
  private byte[] arena = new byte[1 << 16];
  private int arenaLength;
  private int batchRows;
  private long rows;

  WarehouseFileWriter(
      FixedBlockOutputFile out,
      Configuration conf,
      ParquetOptions options,
      Map<String, String> metadata)
      throws IOException {
    this.out = out;
    this.metadata = metadata;
    MessageType schema = WarehouseSchema.parquet(options.queryTsUnit());
    ParquetProperties props =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(options.pageSize())
            .withPageRowCountLimit(options.pageRowCountLimit())
            .withDictionaryPageSize(options.dictionaryPageSize())
            .withDictionaryEncoding(true)
            .withSizeStatisticsEnabled(false)
            .build();
    file =
        new ParquetFileWriter(
            out,
            schema,
            ParquetFileWriter.Mode.CREATE,
            options.blockSize(),
            0,
            props.getColumnIndexTruncateLength(),
            props.getStatisticsTruncateLength(),
            props.getPageWriteChecksumEnabled());
    file.start();
    codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    pages =
        new ColumnChunkPageWriteStore(
            codecs.getCompressor(options.codec()),
            schema,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled());
    List<ColumnDescriptor> cds = schema.getColumns();
    queryTs = encoder(cds.get(0), options);
    columns = new ColumnEncoder[DatumLayout.N];
    for (int i = 0; i < DatumLayout.N; i++) {
      columns[i] = encoder(cds.get(i + 1), options);
    }
    queryTsSource = options.queryTsUnit() == TimestampUnit.MICROS ? Fields.TIME_US : Fields.TIME;
    batchSize = options.batchRows();
    values = new long[DatumLayout.N][batchSize];
    nulls = new boolean[DatumLayout.N][batchSize];
    noNulls = new boolean[batchSize];
  }

  private ColumnEncoder encoder(ColumnDescriptor cd, ParquetOptions options) {
    PageWriter w = pages.getPageWriter(cd);
    int pageSize = options.pageSize();
    int rowLimit = options.pageRowCountLimit();
    long dictionary = NO_DICTIONARY.contains(cd.getPath()[0]) ? -1 : options.dictionaryPageSize();
    switch (cd.getPrimitiveType().getPrimitiveTypeName()) {
      case BOOLEAN:
        return new BooleanColumnEncoder(cd, w, pageSize, rowLimit);
      case BINARY:
        return new StringColumnEncoder(cd, w, pageSize, rowLimit, dictionary);
      default:
        return new NumberColumnEncoder(cd, w, pageSize, rowLimit, dictionary);
    }
  }

  /**
   * Appends the row whose Avro datum is {@code b[pos, pos + len)}. Rows are collected per column in
   * a small batch and handed to Parquet column by column (each column writer's state stays in cache
   * for a whole batch).
   *
   * @return true when this call flushed a batch into Parquet (the size estimate moved)
   * @throws IOException when the bytes are not a datum of the event schema
   */
  boolean write(byte[] b, int pos, int len) throws IOException {
    int end = pos + len;
    int p = pos;
    int[] cur = cursor;
    int r = batchRows;
    byte[] ops = DatumLayout.OPS;
    long[][] vals = values;
    boolean[][] isNull = nulls;
    try {
      for (int i = 0; i < ops.length; i++) {
        int op = ops[i];
        if (op >= DatumLayout.OPTIONAL) {
          int branch = b[p++];
          if (branch == 0) {
            isNull[i][r] = true;
            continue;
          }
          if (branch != 2) {
            throw DatumLayout.badBranch(i);
          }
          op -= DatumLayout.OPTIONAL;
        }
        isNull[i][r] = false;
        long v;
        switch (op) {
          case DatumLayout.VARINT:
            v = b[p];
            if (v >= 0) {
              p++;
            } else {
              v = DatumLayout.varintTail(b, p, v, cur);
              p = cur[0];
            }
            v = (v >>> 1) ^ -(v & 1);
            break;
          case DatumLayout.BYTE:
            v = b[p++];
            break;
          case DatumLayout.FIXED8:
            v = DatumLayout.fixed8(b, p);
            p += 8;
            break;
          default:
            long n = b[p];
            if (n >= 0) {
              p++;
            } else {
              n = DatumLayout.varintTail(b, p, n, cur);
              p = cur[0];
            }
            n = (n >>> 1) ^ -(n & 1);
            if (n < 0 || n > end - p) {
              throw DatumLayout.badLength(i);
            }
            int a = arenaLength;
            if (a + n > arena.length) {
              arena = Arrays.copyOf(arena, (int) Math.max(arena.length * 2L, a + n));
            }
            System.arraycopy(b, p, arena, a, (int) n);
            v = ((long) a << 32) | n;
            arenaLength = a + (int) n;
            p += (int) n;
        }
        vals[i][r] = v;
      }
    } catch (IndexOutOfBoundsException e) {
      throw DatumLayout.endsEarly();
    }
    if (p > end) {
      throw DatumLayout.endsEarly();
    }
    if (p != end) {
      throw new IOException("datum has " + (end - p) + " bytes after its last field");
    }
    rows++;
    if (++batchRows == batchSize) {
      flushBatch();
      return true;
    }
    return false;
  }

  /** Hands the batch to the column encoders, one column at a time. */
  private void flushBatch() throws IOException {
    int n = batchRows;
    if (n == 0) {
      return;
    }
    queryTs.add(values[queryTsSource], noNulls, n, arena);
    for (int i = 0; i < DatumLayout.N; i++) {
      columns[i].add(values[i], nulls[i], n, arena);
    }
    batchRows = 0;
    arenaLength = 0;
  }

  long rows() {
    return rows;
  }

  /**
   * Parquet's running estimate of the file size (buffered pages, not counting dictionaries), as of
   * the last flushed batch.
   */
  long estimatedSize() {
    long size = 4 + queryTs.bufferedSize();
    for (ColumnEncoder c : columns) {
      size += c.bufferedSize();
    }
    return size;
  }

  /** Writes the row group and the footer and closes the file; errors propagate. */
  void close() throws IOException {
    try {
      flushBatch();
      queryTs.finish();
      for (ColumnEncoder c : columns) {
        c.finish();
      }
      file.startBlock(rows);
      pages.flushToFileWriter(file);
      file.endBlock();
      file.end(metadata);
    } finally {
      release();
    }
  }

  /** Gives up the file after a failure: releases buffers and the output stream. */
  void abort() {
    release();
    out.closeQuietly();
  }

  private void release() {
    pages.close();
    codecs.release();
  }
}
