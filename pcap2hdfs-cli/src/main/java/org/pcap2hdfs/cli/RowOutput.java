package org.pcap2hdfs.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.parquet.ParquetOptions;
import org.pcap2hdfs.compaction.parquet.WarehouseParquetFile;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowJsonWriter;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.RowSink;

/** Where decoded rows go: JSON lines, an Avro container file or a Parquet file. */
abstract class RowOutput implements RowSink, Closeable {

  /** An output of DNS query rows. */
  static RowOutput open(String format, String out) throws IOException {
    return open(format, out, RowSchema.get());
  }

  /** An output of rows of {@code schema}. */
  static RowOutput open(String format, String out, RowSchema schema) throws IOException {
    switch (format) {
      case "jsonl":
        return new JsonLines(out.equals("-") ? System.out : new FileOutputStream(out), schema);
      case "avro":
        return new AvroFile(Path.of(out), schema.avro());
      case "parquet":
        return new ParquetFile(Path.of(out), schema);
      default:
        throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /** One JSON object per line. */
  static final class JsonLines extends RowOutput {
    private final OutputStream out;
    private final RowJsonWriter json;
    private final ByteSink buffer = new ByteSink(1 << 16);

    JsonLines(OutputStream out, RowSchema schema) {
      this.out = new BufferedOutputStream(out, 1 << 20);
      this.json = new RowJsonWriter(schema);
    }

    @Override
    public void row(Row row) throws IOException {
      json.write(row, buffer);
      if (buffer.length() > (1 << 15)) {
        out.write(buffer.bytes(), 0, buffer.length());
        buffer.reset();
      }
    }

    @Override
    public void close() throws IOException {
      out.write(buffer.bytes(), 0, buffer.length());
      buffer.reset();
      out.flush();
      if (out != System.out) {
        out.close();
      }
    }
  }

  /** An Avro container file of the row schema; rows are appended already encoded. */
  static final class AvroFile extends RowOutput {
    private final DataFileWriter<GenericRecord> writer;
    private final ByteSink buffer = new ByteSink(1024);

    AvroFile(Path path, Schema schema) throws IOException {
      writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema));
      writer.create(schema, Files.newOutputStream(path));
    }

    @Override
    public void row(Row row) throws IOException {
      buffer.reset();
      AvroRowCodec.encode(row, buffer);
      writer.appendEncoded(ByteBuffer.wrap(buffer.bytes(), 0, buffer.length()));
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /**
   * A warehouse Parquet file, written by the compaction's own writer with the compaction's default
   * settings for the row kind (codec, {@code query_ts} unit, Bloom columns), so that it has exactly
   * the warehouse layout ({@code query_ts} first, then the row columns) and can be dropped into a
   * warehouse partition. Rows keep decode order (the compaction sorts; decode does not).
   */
  static final class ParquetFile extends RowOutput {
    private final WarehouseParquetFile file;
    private final ByteSink buffer = new ByteSink(1024);

    ParquetFile(Path path, RowSchema schema) throws IOException {
      Files.deleteIfExists(path);
      Configuration conf = new Configuration(false);
      // Raw local file system: no .crc side file next to the output.
      conf.setClass("fs.file.impl", RawLocalFileSystem.class, FileSystem.class);
      conf.setBoolean("fs.file.impl.disable.cache", true);
      file =
          new WarehouseParquetFile(
              new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri()),
              conf,
              options(schema),
              Map.of("pcap2hdfs.writer", "pcap2hdfs decode"));
    }

    /** The compaction's default file options for rows of {@code schema}. */
    static ParquetOptions options(RowSchema schema) {
      Configuration defaults = new Configuration(false);
      defaults.set(CompactionConfig.ROW_KIND, schema.kindName());
      // Required by the compaction settings but irrelevant to the file layout.
      defaults.set(CompactionConfig.STAGING_DIR, "unused");
      defaults.set(CompactionConfig.WAREHOUSE_DIR, "unused");
      CompactionConfig c = CompactionConfig.from(defaults);
      return new ParquetOptions(
          c.rowSchema(), c.targetFileSize(), c.compression(), c.queryTsUnit(), c.bloomColumns());
    }

    @Override
    public void row(Row row) throws IOException {
      buffer.reset();
      AvroRowCodec.encode(row, buffer);
      file.write(buffer.bytes(), 0, buffer.length());
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
