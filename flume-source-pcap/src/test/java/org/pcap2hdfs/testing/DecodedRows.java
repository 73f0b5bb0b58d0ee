package org.pcap2hdfs.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.RowSchema;

/**
 * What decode gives for a server's capture files (one stream, in order, with their own file names):
 * the rows as encoded Avro datums (event bodies) or as records of the schema. The expectation every
 * source, serializer and agent test compares with.
 */
public final class DecodedRows {
  /** The encoded datums, in decode's order. */
  public final List<byte[]> datums = new ArrayList<>();

  /** Each row's capture time ({@code time}, ms), parallel to {@link #datums}. */
  public final List<Long> times = new ArrayList<>();

  /** How many rows decode had given by the end of each file, in the order of the files. */
  public final List<Integer> byEndOfFile = new ArrayList<>();

  /** The decoder's counters after the end of the stream. */
  public DecodeCounters counters;

  private DecodedRows() {}

  public static DecodedRows of(String server, String location, Path... files) throws Exception {
    return of(DecoderConfig.defaults(), server, location, files);
  }

  public static DecodedRows of(DecoderConfig config, String server, String location, Path... files)
      throws Exception {
    DecodedRows out = new DecodedRows();
    ByteSink buffer = new ByteSink(1024);
    StreamDecoder d =
        new StreamDecoder(
            config,
            server,
            location,
            r -> {
              buffer.reset();
              AvroRowCodec.encode(r, buffer);
              out.datums.add(buffer.toByteArray());
              out.times.add(r.getLong(Fields.TIME));
            });
    for (Path f : files) {
      d.decode(f, f.getFileName().toString());
      out.byEndOfFile.add(out.datums.size());
    }
    d.finish();
    out.counters = d.counters();
    return out;
  }

  /** The rows as records of the schema. */
  public List<GenericRecord> records() throws IOException {
    List<GenericRecord> out = new ArrayList<>(datums.size());
    for (byte[] d : datums) {
      out.add(record(d));
    }
    return out;
  }

  public int size() {
    return datums.size();
  }

  private static final GenericDatumReader<GenericRecord> READER =
      new GenericDatumReader<>(RowSchema.get().avro());

  /** One encoded datum as a record of the schema; no byte may be left over. */
  public static GenericRecord record(byte[] datum) throws IOException {
    BinaryDecoder in = DecoderFactory.get().binaryDecoder(datum, null);
    GenericRecord r;
    synchronized (READER) {
      r = READER.read(null, in);
    }
    if (!in.isEnd()) {
      throw new IOException("a datum with bytes left over");
    }
    return r;
  }
}
