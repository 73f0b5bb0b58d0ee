package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.pcap2hdfs.compaction.avro.DatumLayout;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.RowSchema;

/**
 * One warehouse Parquet file with a single row group, written straight from Avro datums into
 * Parquet's column writers: no record objects, no record-consumer layer. Rows are gathered into
 * small column batches (numbers in long arrays, string bytes in one arena) and written column by
 * column; strings go to Parquet as views of the arena (Parquet copies what it keeps). The columns
 * are those of {@link WarehouseSchema}: {@code query_ts} (from time_us or time) and then the event
 * fields. Nothing is on disk in final form until {@link #close()} flushes the row group and the
 * footer.
 */
final class WarehouseFileWriter {
  /** Columns whose values are (nearly) unique per row: dictionary encoding would only cost. */
  private static final List<String> NO_DICTIONARY =
      List.of(WarehouseSchema.QUERY_TS, "time", "time_us", "res_time_us", "event_id");

  private final FixedBlockOutputFile out;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final ColumnChunkPageWriteStore pages;
  private final ColumnWriteStore store;
  private final ColumnWriter queryTs;
  private final ColumnWriter[] columns;
  private final int[] maxDef;
  private final int queryTsSource;
  private final Map<String, String> metadata;
  private final int[] cursor = new int[1];
  private final int batchSize;
  private final long[][] values;
  private final boolean[][] nulls;
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
    ParquetProperties.Builder pb =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(options.pageSize())
            .withPageRowCountLimit(options.pageRowCountLimit())
            .withDictionaryPageSize(options.dictionaryPageSize())
            .withDictionaryEncoding(true)
            .withSizeStatisticsEnabled(false);
    for (String c : NO_DICTIONARY) {
      pb.withDictionaryEncoding(c, false);
    }
    ParquetProperties props = pb.build();
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
    store = props.newColumnWriteStore(schema, pages, pages);
    List<ColumnDescriptor> cds = schema.getColumns();
    queryTs = store.getColumnWriter(cds.get(0));
    columns = new ColumnWriter[DatumLayout.N];
    maxDef = new int[DatumLayout.N];
    for (int i = 0; i < DatumLayout.N; i++) {
      columns[i] = store.getColumnWriter(cds.get(i + 1));
      maxDef[i] = cds.get(i + 1).getMaxDefinitionLevel();
    }
    queryTsSource = options.queryTsUnit() == TimestampUnit.MICROS ? Fields.TIME_US : Fields.TIME;
    batchSize = options.batchRows();
    values = new long[DatumLayout.N][batchSize];
    nulls = new boolean[DatumLayout.N][batchSize];
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
    for (int i = 0; i < DatumLayout.N; i++) {
      if (DatumLayout.NULLABLE[i]) {
        boolean present = DatumLayout.present(b, p, end, i);
        p++;
        if (!present) {
          nulls[i][r] = true;
          continue;
        }
      }
      nulls[i][r] = false;
      switch (DatumLayout.KINDS[i]) {
        case RowSchema.INT:
        case RowSchema.LONG:
          values[i][r] = DatumLayout.varint(b, p, end, cur);
          p = cur[0];
          break;
        case RowSchema.BOOLEAN:
          if (p >= end) {
            throw new IOException("Avro datum ends early");
          }
          values[i][r] = b[p++];
          break;
        case RowSchema.DOUBLE:
          if (p + 8 > end) {
            throw new IOException("Avro datum ends early");
          }
          long bits = 0;
          for (int k = 0; k < 8; k++) {
            bits |= (b[p + k] & 0xFFL) << (8 * k);
          }
          p += 8;
          values[i][r] = bits;
          break;
        default:
          long n = DatumLayout.varint(b, p, end, cur);
          p = cur[0];
          if (n < 0 || n > end - p) {
            throw new IOException("bad string length for field " + DatumLayout.name(i));
          }
          if (arenaLength + n > arena.length) {
            arena =
                java.util.Arrays.copyOf(arena, (int) Math.max(arena.length * 2L, arenaLength + n));
          }
          System.arraycopy(b, p, arena, arenaLength, (int) n);
          values[i][r] = ((long) arenaLength << 32) | n;
          arenaLength += (int) n;
          p += (int) n;
      }
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

  /** Hands the batch to Parquet's column writers, one column at a time. */
  private void flushBatch() {
    int n = batchRows;
    if (n == 0) {
      return;
    }
    long[] ts = values[queryTsSource];
    for (int r = 0; r < n; r++) {
      queryTs.write(ts[r], 0, 0);
    }
    for (int i = 0; i < DatumLayout.N; i++) {
      ColumnWriter w = columns[i];
      boolean[] isNull = nulls[i];
      long[] v = values[i];
      int def = maxDef[i];
      switch (DatumLayout.KINDS[i]) {
        case RowSchema.INT:
          for (int r = 0; r < n; r++) {
            if (isNull[r]) {
              w.writeNull(0, 0);
            } else {
              w.write((int) v[r], 0, def);
            }
          }
          break;
        case RowSchema.LONG:
          for (int r = 0; r < n; r++) {
            if (isNull[r]) {
              w.writeNull(0, 0);
            } else {
              w.write(v[r], 0, def);
            }
          }
          break;
        case RowSchema.BOOLEAN:
          for (int r = 0; r < n; r++) {
            if (isNull[r]) {
              w.writeNull(0, 0);
            } else {
              w.write(v[r] != 0, 0, def);
            }
          }
          break;
        case RowSchema.DOUBLE:
          for (int r = 0; r < n; r++) {
            if (isNull[r]) {
              w.writeNull(0, 0);
            } else {
              w.write(Double.longBitsToDouble(v[r]), 0, def);
            }
          }
          break;
        default:
          byte[] a = arena;
          for (int r = 0; r < n; r++) {
            if (isNull[r]) {
              w.writeNull(0, 0);
            } else {
              w.write(Binary.fromReusedByteArray(a, (int) (v[r] >>> 32), (int) v[r]), 0, def);
            }
          }
      }
    }
    for (int r = 0; r < n; r++) {
      store.endRecord();
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
    return 4 + store.getBufferedSize();
  }

  /** Writes the row group and the footer and closes the file; errors propagate. */
  void close() throws IOException {
    try {
      flushBatch();
      file.startBlock(rows);
      store.flush();
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
    store.close();
    pages.close();
    codecs.release();
  }
}
