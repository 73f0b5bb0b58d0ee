package org.pcap2hdfs.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
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
        return new ParquetFile(Path.of(out), schema.avro());
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

  /** A Parquet file (SNAPPY) of the row schema. */
  static final class ParquetFile extends RowOutput {
    private final ParquetWriter<GenericRecord> writer;
    private final ByteSink buffer = new ByteSink(1024);
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;
    private GenericRecord record;

    ParquetFile(Path path, Schema schema) throws IOException {
      reader = new GenericDatumReader<>(schema);
      record = new GenericData.Record(schema);
      writer =
          AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(path))
              .withSchema(schema)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .build();
    }

    @Override
    public void row(Row row) throws IOException {
      buffer.reset();
      AvroRowCodec.encode(row, buffer);
      decoder = DecoderFactory.get().binaryDecoder(buffer.bytes(), 0, buffer.length(), decoder);
      record = reader.read(record, decoder);
      writer.write(record);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
