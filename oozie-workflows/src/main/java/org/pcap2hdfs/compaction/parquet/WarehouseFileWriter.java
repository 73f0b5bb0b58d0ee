package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
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

/**
 * One warehouse Parquet file with a single row group, written straight from Avro datums: no record
 * objects, no record-consumer layer, and none of parquet-mr's per-value column writers. Rows are
 * gathered into small column batches (numbers in long arrays, string bytes in one arena) and handed
 * column by column to our {@link ColumnEncoder}s, which build Parquet v1 pages (dictionary, RLE
 * definition levels, statistics) in bulk; parquet-mr's page store compresses and collects the pages
 * and its file writer writes the row group, the column and offset indexes and the footer. The
 * columns are those of {@link WarehouseSchema}: {@code query_ts} (from time_us or time) and then
 * the event fields; the columns of {@link ParquetOptions#bloomColumns()} also get a Bloom filter.
 * Nothing is on disk in final form until {@link #close()}.
 */
final class WarehouseFileWriter {
  /** Columns whose values are (nearly) unique per row: dictionary encoding would only cost. */
  static final List<String> NO_DICTIONARY =
      List.of(WarehouseSchema.QUERY_TS, "time", "time_us", "res_time_us", "event_id");

  private final FixedBlockOutputFile out;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final ColumnChunkPageWriteStore pages;
  private final ColumnEncoder queryTs;
  private final ColumnEncoder[] columns;
  private final BloomColumn[] blooms;
  private final int queryTsSource;
  private final Map<String, String> metadata;
  private final ColumnBatch batch;
  private final boolean[] noNulls;
  private long rows;

  WarehouseFileWriter(
      FixedBlockOutputFile out,
      Configuration conf,
      ParquetOptions options,
      Map<String, String> metadata)
      throws IOException {
    this.out = out;
    this.metadata = metadata;
    MessageType schema = WarehouseSchema.parquet(options.rows(), options.queryTsUnit());
    DatumLayout layout = DatumLayout.of(options.rows());
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
    columns = new ColumnEncoder[layout.n];
    blooms = new BloomColumn[layout.n];
    for (int i = 0; i < layout.n; i++) {
      columns[i] = encoder(cds.get(i + 1), options);
      if (options.bloomColumns().contains(options.rows().name(i))) {
        blooms[i] = new BloomColumn(pages.getPageWriter(cds.get(i + 1)));
      }
    }
    queryTsSource = options.rows().indexOf(options.queryTsUnit().source);
    batch = new ColumnBatch(layout, options.batchRows());
    noNulls = new boolean[options.batchRows()];
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
      case INT96:
        return new Int96ColumnEncoder(cd, w, pageSize, rowLimit);
      default:
        return new NumberColumnEncoder(cd, w, pageSize, rowLimit, dictionary);
    }
  }

  /**
   * Appends the row whose Avro datum is {@code b[pos, pos + len)}. Rows are collected in a small
   * {@link ColumnBatch} and handed to the encoders column by column (each encoder's state stays in
   * cache for a whole batch).
   *
   * @return true when this call flushed a batch into the encoders (the size estimate moved)
   * @throws IOException when the bytes of this or an earlier row of the batch are not a datum of
   *     the event schema
   */
  boolean write(byte[] b, int pos, int len) throws IOException {
    rows++;
    if (batch.add(b, pos, len)) {
      flushBatch();
      return true;
    }
    return false;
  }

  /** Decodes the batch and hands it to the column encoders, one column at a time. */
  private void flushBatch() throws IOException {
    int n = batch.rows();
    if (n == 0) {
      return;
    }
    batch.decode();
    byte[] arena = batch.arena();
    queryTs.add(batch.values(queryTsSource), noNulls, 0, n, arena);
    for (int i = 0; i < columns.length; i++) {
      columns[i].add(batch.values(i), batch.nulls(i), batch.nullCount(i), n, arena);
      if (blooms[i] != null) {
        blooms[i].add(batch.values(i), batch.nulls(i), n, arena);
      }
    }
    batch.clear();
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
      for (BloomColumn b : blooms) {
        if (b != null) {
          b.finish();
        }
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
