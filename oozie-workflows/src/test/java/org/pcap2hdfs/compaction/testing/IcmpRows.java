package org.pcap2hdfs.compaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

/**
 * The ICMP rows of {@code fixtures/icmp-errors-quoting-dns.pcap} as decode writes them ({@value
 * #ROWS}, see the SOURCES.md beside it), as encoded datums and as staged Avro.
 */
public final class IcmpRows {
  public static final String ROWS = "/icmp/icmp-errors-quoting-dns.icmp.jsonl";

  private IcmpRows() {}

  /** The rows' Avro datums, in capture order. */
  public static List<byte[]> datums() throws IOException {
    RowSchema schema = RowSchema.icmp();
    ObjectMapper json = new ObjectMapper();
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = IcmpRows.class.getResourceAsStream(ROWS)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = json.readTree(line);
        Row row = new Row(schema);
        for (int i = 0; i < schema.size(); i++) {
          JsonNode v = n.get(schema.name(i));
          if (v.isNull()) {
            continue;
          }
          switch (schema.kind(i)) {
            case RowSchema.INT:
              row.setInt(i, v.intValue());
              break;
            case RowSchema.LONG:
              row.setLong(i, v.longValue());
              break;
            case RowSchema.BOOLEAN:
              row.setBoolean(i, v.booleanValue());
              break;
            case RowSchema.DOUBLE:
              row.setDouble(i, v.doubleValue());
              break;
            default:
              row.setString(i, v.textValue());
          }
        }
        ByteSink b = new ByteSink(256);
        AvroRowCodec.encode(row, b);
        out.add(b.toByteArray());
      }
    }
    return out;
  }

  /** Writes the datums to a new staged Avro file (snappy), as the HDFS sink does. */
  public static void stage(FileSystem fs, Path file, List<byte[]> datums) throws IOException {
    try (OutputStream out = fs.create(file, false);
        DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>())) {
      w.setCodec(CodecFactory.snappyCodec());
      w.create(RowSchema.icmp().avro(), out);
      for (byte[] d : datums) {
        w.appendEncoded(ByteBuffer.wrap(d));
      }
    }
  }
}
