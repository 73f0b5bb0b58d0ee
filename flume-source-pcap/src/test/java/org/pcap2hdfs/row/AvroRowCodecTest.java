package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The hand-written codec writes exactly what Avro's own writer writes, and reads it back. */
class AvroRowCodecTest {
  private static final RowSchema S = RowSchema.get();
  private final Random random = new Random(42);

  @RepeatedTest(20)
  void encodesLikeGenericDatumWriter() throws Exception {
    Row row = randomRow();
    ByteSink ours = new ByteSink(16);
    AvroRowCodec.encode(row, ours);

    GenericRecord record = new GenericData.Record(S.avro());
    for (int i = 0; i < S.size(); i++) {
      record.put(i, row.get(i));
    }
    ByteArrayOutputStream theirs = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(theirs, null);
    new GenericDatumWriter<GenericRecord>(S.avro()).write(record, enc);
    enc.flush();
    assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());

    GenericRecord back =
        new GenericDatumReader<GenericRecord>(S.avro())
            .read(null, DecoderFactory.get().binaryDecoder(ours.toByteArray(), null));
    for (int i = 0; i < S.size(); i++) {
      Object v = back.get(i);
      assertThat(v == null ? null : v instanceof org.apache.avro.util.Utf8 ? v.toString() : v)
          .as(S.name(i))
          .isEqualTo(row.get(i));
    }

    Row decoded = new Row();
    int read = AvroRowCodec.decode(ours.bytes(), 0, ours.length(), decoded);
    assertThat(read).isEqualTo(ours.length());
    assertThat(decoded.toMap()).isEqualTo(row.toMap());
  }

  @Test
  void truncatedDatumIsAnError() {
    Row row = randomRow();
    ByteSink out = new ByteSink(16);
    AvroRowCodec.encode(row, out);
    Row target = new Row();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AvroRowCodec.decode(out.bytes(), 0, out.length() / 2, target))
        .isInstanceOf(java.io.IOException.class);
  }

  private Row randomRow() {
    Row row = new Row();
    for (int i = 0; i < S.size(); i++) {
      if (S.nullable(i) && random.nextInt(3) == 0) {
        continue;
      }
      switch (S.kind(i)) {
        case RowSchema.INT:
          row.setInt(i, random.nextInt() >> random.nextInt(31));
          break;
        case RowSchema.LONG:
          row.setLong(i, random.nextLong() >> random.nextInt(63));
          break;
        case RowSchema.BOOLEAN:
          row.setBoolean(i, random.nextBoolean());
          break;
        case RowSchema.DOUBLE:
          row.setDouble(i, random.nextGaussian() * 100);
          break;
        default:
          // now and then a long one: multi-byte length varints, the buffer grows mid-row
          String tail = random.nextInt(8) == 0 ? "l".repeat(random.nextInt(70_000)) : "";
          row.setString(i, "välue-" + random.nextInt(1000) + "-\u00e9\u4e2d" + tail);
      }
    }
    return row;
  }

  @Test
  void everyFieldIsDocumentedAndEveryUnionIsNullFirst() {
    for (Schema.Field f : S.avro().getFields()) {
      assertThat(f.doc()).as(f.name()).isNotBlank();
      if (f.schema().getType() == Schema.Type.UNION) {
        assertThat(f.defaultVal())
            .as(f.name())
            .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
      }
    }
  }
}
