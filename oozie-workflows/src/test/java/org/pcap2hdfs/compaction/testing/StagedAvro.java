package org.pcap2hdfs.compaction.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/** Writes Avro container files of the event schema as Flume's HDFS sink does (test data). */
public final class StagedAvro {
  /** Fills row number i. */
  public interface RowSource {
    void fill(Row row, long i);
  }

  /** An Avro container file in memory, with the offset where its header and each block end. */
  public static final class Blocks {
    public final byte[] bytes;

    /** {@code ends[0]}: end of the header; {@code ends[k]}: end of block k (after its sync). */
    public final long[] ends;

    Blocks(byte[] bytes, long[] ends) {
      this.bytes = bytes;
      this.ends = ends;
    }

    /** The first {@code length} bytes, as a writer that died there leaves them. */
    public byte[] cut(long length) {
      return Arrays.copyOf(bytes, (int) length);
    }
  }

  private StagedAvro() {}

  /** Rows [from, to) of a source in blocks of {@code rowsPerBlock} rows (the last may be short). */
  public static Blocks blocks(
      RowSource source, long from, long to, CodecFactory codec, int rowsPerBlock)
      throws IOException {
    Row row = new Row();
    ByteSink sink = new ByteSink(4096);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> ends = new ArrayList<>();
    try (DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>())) {
      w.setCodec(codec);
      w.setSyncInterval(1 << 24); // more than any block here: blocks end where sync() is called
      w.create(RowSchema.get().avro(), out);
      ends.add(w.sync());
      for (long i = from; i < to; i++) {
        source.fill(row, i);
        sink.reset();
        AvroRowCodec.encode(row, sink);
        w.appendEncoded(ByteBuffer.wrap(sink.bytes(), 0, sink.length()));
        if ((i - from + 1) % rowsPerBlock == 0 || i == to - 1) {
          ends.add(w.sync());
        }
      }
    }
    byte[] bytes = out.toByteArray();
    if (ends.get(ends.size() - 1) != bytes.length) {
      throw new IllegalStateException(ends + " do not end at " + bytes.length);
    }
    return new Blocks(bytes, ends.stream().mapToLong(Long::longValue).toArray());
  }

  /** Writes bytes to a new file. */
  public static void put(FileSystem fs, Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
    }
  }

  /** Writes rows [from, to) of a source to a new file. */
  public static void write(
      FileSystem fs, Path file, RowSource source, long from, long to, CodecFactory codec)
      throws IOException {
    Row row = new Row();
    ByteSink sink = new ByteSink(4096);
    try (OutputStream out = fs.create(file, false);
        DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>())) {
      w.setCodec(codec);
      w.create(RowSchema.get().avro(), out);
      for (long i = from; i < to; i++) {
        source.fill(row, i);
        sink.reset();
        AvroRowCodec.encode(row, sink);
        w.appendEncoded(ByteBuffer.wrap(sink.bytes(), 0, sink.length()));
      }
    }
  }
}
