package org.pcap2hdfs.compaction.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

  private StagedAvro() {}

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
