package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.Text;

/**
 * The warehouse files written by parquet-mr's own {@link ParquetWriter} (record consumer and column
 * writers) instead of our page encoders, for comparison: same schema, codec, page size, page row
 * limit, dictionary page size, no-dictionary and Bloom filter columns as {@link
 * WarehouseFileWriter}, Parquet v1 pages, one row group per file and a new file once parquet-mr's
 * buffered size reaches the target. Input is the same Avro datum; it is decoded into a {@link Row}
 * and written field by field.
 */
public final class ParquetMrWarehouseWriter implements AutoCloseable {
  private final Configuration conf;
  private final Path dir;
  private final ParquetOptions options;
  private final Map<String, String> metadata;
  private final Row row;
  private final List<Path> files = new ArrayList<>();
  private ParquetWriter<Row> writer;

  public ParquetMrWarehouseWriter(
      Configuration conf, Path dir, ParquetOptions options, Map<String, String> metadata) {
    this.conf = conf;
    this.dir = dir;
    this.options = options;
    this.metadata = metadata;
    this.row = new Row(options.rows());
  }

  public void write(byte[] datum, int off, int len) throws IOException {
    if (writer == null) {
      open();
    }
    AvroRowCodec.decode(datum, off, len, row);
    writer.write(row);
    if (writer.getDataSize() >= options.targetSize()) {
      writer.close();
      writer = null;
    }
  }

  /** Closes the last file; returns every file written, in order. */
  public List<Path> finish() throws IOException {
    close();
    return files;
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  private void open() throws IOException {
    Path p = new Path(dir, String.format("mr-%05d.parquet", files.size()));
    files.add(p);
    Builder b =
        new Builder(p, new RowWriteSupport(options, metadata))
            .withConf(conf)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withCompressionCodec(options.codec())
            .withRowGroupSize(options.blockSize())
            .withPageSize(options.pageSize())
            .withPageRowCountLimit(options.pageRowCountLimit())
            .withDictionaryPageSize(options.dictionaryPageSize())
            .withDictionaryEncoding(true)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withSizeStatisticsEnabled(false);
    for (String c : WarehouseFileWriter.NO_DICTIONARY) {
      b.withDictionaryEncoding(c, false);
    }
    for (String c : options.bloomColumns()) {
      b.withBloomFilterEnabled(c, true).withBloomFilterFPP(c, BloomColumn.FPP);
    }
    writer = b.build();
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final WriteSupport<Row> support;

    Builder(Path path, WriteSupport<Row> support) {
      super(path);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return support;
    }
  }

  /** A {@link Row} as one record of {@link WarehouseSchema}: query_ts, then every field. */
  private static final class RowWriteSupport extends WriteSupport<Row> {
    private final RowSchema rows;
    private final MessageType schema;
    private final Map<String, String> metadata;
    private final int queryTsSource;
    private RecordConsumer out;

    RowWriteSupport(ParquetOptions options, Map<String, String> metadata) {
      this.rows = options.rows();
      this.schema = WarehouseSchema.parquet(rows, options.queryTsUnit());
      this.metadata = metadata;
      this.queryTsSource = rows.indexOf(options.queryTsUnit().source);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      out = recordConsumer;
    }

    @Override
    public void write(Row r) {
      out.startMessage();
      out.startField(WarehouseSchema.QUERY_TS, 0);
      out.addLong(r.getLong(queryTsSource));
      out.endField(WarehouseSchema.QUERY_TS, 0);
      for (int i = 0; i < rows.size(); i++) {
        if (r.isNull(i)) {
          continue;
        }
        String name = rows.name(i);
        out.startField(name, i + 1);
        switch (rows.kind(i)) {
          case RowSchema.INT:
            out.addInteger(r.getInt(i));
            break;
          case RowSchema.LONG:
            out.addLong(r.getLong(i));
            break;
          case RowSchema.BOOLEAN:
            out.addBoolean(r.getBoolean(i));
            break;
          case RowSchema.DOUBLE:
            out.addDouble(r.getDouble(i));
            break;
          default:
            Text t = r.getText(i);
            out.addBinary(Binary.fromReusedByteArray(t.bytes(), 0, t.length()));
        }
        out.endField(name, i + 1);
      }
      out.endMessage();
    }
  }
}
