package org.pcap2hdfs.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

  static RowOutput open(String format, String out) throws IOException {
    switch (format) {
      case "jsonl":
        return new JsonLines(out.equals("-") ? System.out : new FileOutputStream(out));
      case "avro":
        return new AvroFile(Path.of(out));
      case "parquet":
        return new ParquetFile(Path.of(out));
      default:
        throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /** One JSON object per line. */
  static final class JsonLines extends RowOutput {
    private final OutputStream out;
    private final RowJsonWriter json = new RowJsonWriter();
    private final ByteSink buffer = new ByteSink(1 << 16);

    JsonLines(OutputStream out) {
      this.out = new BufferedOutputStream(out, 1 << 20);
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

  /** An Avro container file of the event schema; rows are appended already encoded. */
  static final class AvroFile extends RowOutput {
    private final DataFileWriter<GenericRecord> writer;
    private final ByteSink buffer = new ByteSink(1024);

    AvroFile(Path path) throws IOException {
      writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(RowSchema.get().avro()));
      writer.create(RowSchema.get().avro(), Files.newOutputStream(path));
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

  /** A Parquet file (SNAPPY) of the event schema. */
  static final class ParquetFile extends RowOutput {
    private final ParquetWriter<GenericRecord> writer;
    private final ByteSink buffer = new ByteSink(1024);
    private final GenericDatumReader<GenericRecord> reader =
        new GenericDatumReader<>(RowSchema.get().avro());
    private BinaryDecoder decoder;
    private GenericRecord record = new GenericData.Record(RowSchema.get().avro());

    ParquetFile(Path path) throws IOException {
      writer =
          AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(path))
              .withSchema(RowSchema.get().avro())
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
