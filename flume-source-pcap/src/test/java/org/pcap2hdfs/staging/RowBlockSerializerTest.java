package org.pcap2hdfs.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.SimpleEvent;
import org.apache.flume.serialization.EventSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.row.RowBlock;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;

/** The serializer writes the rows of blocks and of one-datum events as the records of one file. */
class RowBlockSerializerTest {
  private static final List<byte[]> DATUMS = new ArrayList<>();

  @TempDir static Path dir;
  private static String schemaUrl;

  @BeforeAll
  static void decode() throws Exception {
    DATUMS.addAll(
        DecodedRows.of("ns1", "ams", Decoded.resource("generated__knot-example.ca-geo.pcap.gz"))
            .datums);
    schemaUrl =
        Files.writeString(dir.resolve("dns.avsc"), RowSchema.get().json()).toUri().toString();
  }

  private static Event single(byte[] datum) {
    SimpleEvent e = new SimpleEvent();
    e.setBody(datum);
    e.setHeaders(new HashMap<>(Map.of("flume.avro.schema.url", schemaUrl)));
    return e;
  }

  private static Event block(List<byte[]> datums) {
    RowBlock.Writer w = new RowBlock.Writer();
    datums.forEach(d -> w.add(d, 0, d.length));
    SimpleEvent e = new SimpleEvent();
    e.setBody(w.toBody());
    e.setHeaders(
        new HashMap<>(
            Map.of(
                "flume.avro.schema.url",
                schemaUrl,
                RowBlock.ROWS_HEADER,
                Integer.toString(datums.size()))));
    return e;
  }

  private static EventSerializer serializer(ByteArrayOutputStream out, String... keys)
      throws IOException {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keys.length; i += 2) {
      m.put(keys[i], keys[i + 1]);
    }
    EventSerializer s = new RowBlockSerializer.Builder().build(new Context(m), out);
    s.afterCreate();
    return s;
  }

  /** The file's records re-encoded, and the number of blocks it has. */
  private static List<byte[]> records(byte[] file, Set<Long> blocks) throws IOException {
    List<byte[]> out = new ArrayList<>();
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(RowSchema.get().avro());
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(new SeekableByteArrayInput(file), new GenericDatumReader<>())) {
      assertThat(reader.getSchema()).isEqualTo(RowSchema.get().avro());
      for (GenericRecord r : reader) {
        blocks.add(reader.previousSync());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(b, null);
        writer.write(r, enc);
        enc.flush();
        out.add(b.toByteArray());
      }
    }
    return out;
  }

  @Test
  void blocksAndSingleDatumsBecomeTheSameRecordsInOrder() throws Exception {
    for (String codec : new String[] {"null", "snappy", "deflate"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EventSerializer s = serializer(out, "compressionCodec", codec, "syncIntervalBytes", "16384");
      List<byte[]> expected = new ArrayList<>();
      int i = 0;
      while (i < DATUMS.size()) {
        int n = Math.min(i % 3 == 0 ? 1 : 700, DATUMS.size() - i);
        List<byte[]> part = DATUMS.subList(i, i + n);
        s.write(n == 1 && i % 3 == 0 ? single(part.get(0)) : block(part));
        expected.addAll(part);
        i += n;
        if (i % 5 == 0) {
          s.flush();
        }
      }
      s.flush();
      s.beforeClose();
      Set<Long> blocks = new HashSet<>();
      assertThat(records(out.toByteArray(), blocks)).as(codec).containsExactlyElementsOf(expected);
      assertThat(blocks.size())
          .as("blocks of about syncIntervalBytes")
          .isGreaterThan(expected.size() * 200 / 16384 / 2);
    }
  }

  @Test
  void theSchemaMayComeAsALiteral() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventSerializer s = serializer(out);
    Event e = block(DATUMS.subList(0, 10));
    e.getHeaders().remove("flume.avro.schema.url");
    e.getHeaders().put("flume.avro.schema.literal", RowSchema.get().json());
    s.write(e);
    s.flush();
    assertThat(records(out.toByteArray(), new HashSet<>()))
        .containsExactlyElementsOf(DATUMS.subList(0, 10));
  }

  @Test
  void aBrokenBlockIsRefusedAndTheFileStaysReadable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventSerializer s = serializer(out, "compressionCodec", "snappy");
    s.write(block(DATUMS.subList(0, 5)));
    Event wrongCount = block(DATUMS.subList(5, 10));
    wrongCount.getHeaders().put(RowBlock.ROWS_HEADER, "6");
    assertThatThrownBy(() -> s.write(wrongCount))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pcap2hdfs.rows=6");
    Event cut = block(DATUMS.subList(5, 10));
    cut.setBody(java.util.Arrays.copyOf(cut.getBody(), cut.getBody().length - 1));
    assertThatThrownBy(() -> s.write(cut)).isInstanceOf(IOException.class);
    Event noSchema = block(DATUMS.subList(5, 10));
    noSchema.getHeaders().clear();
    EventSerializer fresh = serializer(new ByteArrayOutputStream());
    assertThatThrownBy(() -> fresh.write(noSchema))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("schema");
    s.write(block(DATUMS.subList(10, 12)));
    s.flush();
    List<byte[]> expected = new ArrayList<>(DATUMS.subList(0, 5));
    expected.addAll(DATUMS.subList(10, 12));
    assertThat(records(out.toByteArray(), new HashSet<>())).containsExactlyElementsOf(expected);
  }

  @Test
  void anEventOfAnotherSchemaIsRefusedAndTheFileStaysReadable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventSerializer s = serializer(out);
    s.write(block(DATUMS.subList(0, 3)));
    Event icmp = single(DATUMS.get(3));
    icmp.getHeaders().put("flume.avro.schema.url", "file:///schemas/icmp_message.avsc");
    icmp.getHeaders().put(RowSchema.KIND_HEADER, "icmp");
    assertThatThrownBy(() -> s.write(icmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("file:///schemas/icmp_message.avsc")
        .hasMessageContaining("rowkind");
    s.write(single(DATUMS.get(4)));
    s.flush();
    List<byte[]> expected = new ArrayList<>(DATUMS.subList(0, 3));
    expected.add(DATUMS.get(4));
    assertThat(records(out.toByteArray(), new HashSet<>())).containsExactlyElementsOf(expected);
  }

  @Test
  void anUnknownCodecNamesTheKey() {
    assertThatThrownBy(() -> serializer(new ByteArrayOutputStream(), "compressionCodec", "lz5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("compressionCodec");
  }
}
