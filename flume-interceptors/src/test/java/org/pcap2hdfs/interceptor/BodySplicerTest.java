package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

class BodySplicerTest {
  private static final RowSchema SCHEMA = RowSchema.get();
  private static final int[] INPUTS = {Fields.SRC, Fields.QNAME, Fields.EDNS_CLIENT_SUBNET};
  private static final int[] OUTPUTS = {
    Fields.PUB_RESOLVER, Fields.COUNTRY, Fields.LATITUDE, Fields.CUSTOMER_ID, Fields.ZONE
  };

  /** A row with every field random: null or not, short or long strings, any number. */
  private static Row randomRow(Random random) {
    Row r = new Row();
    for (int f = 0; f < SCHEMA.size(); f++) {
      if (SCHEMA.nullable(f) && random.nextInt(3) == 0) {
        continue;
      }
      switch (SCHEMA.kind(f)) {
        case RowSchema.INT:
          r.setInt(f, random.nextInt());
          break;
        case RowSchema.LONG:
          r.setLong(f, random.nextLong() >> random.nextInt(64));
          break;
        case RowSchema.BOOLEAN:
          r.setBoolean(f, random.nextBoolean());
          break;
        case RowSchema.DOUBLE:
          r.setDouble(f, random.nextGaussian() * 100);
          break;
        default:
          char[] chars = new char[random.nextInt(random.nextBoolean() ? 8 : 200)];
          for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
          }
          r.setString(f, new String(chars) + (random.nextInt(10) == 0 ? "ö" : ""));
      }
    }
    return r;
  }

  private static byte[] encode(Row row) {
    ByteSink sink = new ByteSink(256);
    AvroRowCodec.encode(row, sink);
    return sink.toByteArray();
  }

  @Test
  void readsInputsAndWritesExactlyWhatAFullEncodeWrites() {
    Random random = new Random(20261127);
    BodySplicer splicer = new BodySplicer(INPUTS, OUTPUTS);
    Row work = new Row();
    for (int n = 0; n < 2000; n++) {
      Row original = randomRow(random);
      byte[] body = encode(original);

      assertThat(splicer.read(body, work)).isTrue();
      for (int f : INPUTS) {
        assertThat(work.getString(f)).isEqualTo(original.getString(f));
      }
      for (int f : OUTPUTS) {
        assertThat(work.isNull(f)).isTrue();
      }
      assertThat(splicer.changed(work)).isFalse();

      Row expected = new Row();
      expected.copyFrom(original);
      if (random.nextBoolean()) {
        work.setString(Fields.COUNTRY, "SE");
        expected.setString(Fields.COUNTRY, "SE");
      }
      if (random.nextBoolean()) {
        work.setDouble(Fields.LATITUDE, 58.4167);
        expected.setDouble(Fields.LATITUDE, 58.4167);
      }
      if (random.nextBoolean()) {
        work.setString(Fields.ZONE, "wild.example.ca");
        expected.setString(Fields.ZONE, "wild.example.ca");
      }
      ByteSink out = new ByteSink(16);
      splicer.write(body, work, out);
      assertThat(out.toByteArray()).isEqualTo(encode(expected));
    }
  }

  @Test
  void rejectsWhatIsNotExactlyOneDatum() {
    BodySplicer splicer = new BodySplicer(INPUTS, OUTPUTS);
    byte[] body = encode(TestEvents.row("81.2.69.142", "81.2.69.0/24", "www.example.ca"));
    Row work = new Row();
    for (int len = 0; len < body.length; len++) {
      assertThat(splicer.read(Arrays.copyOf(body, len), work)).as("first %d bytes", len).isFalse();
    }
    assertThat(splicer.read(Arrays.copyOf(body, body.length + 1), work)).isFalse();
    // where the union branch of a null COUNTRY stands, put branch 2, which the union lacks
    Row withCountry = TestEvents.row("81.2.69.142", "81.2.69.0/24", "www.example.ca");
    withCountry.setString(Fields.COUNTRY, "GB");
    byte[] other = encode(withCountry);
    int at = 0;
    while (body[at] == other[at]) {
      at++;
    }
    assertThat(body[at]).isEqualTo((byte) 0);
    byte[] badBranch = body.clone();
    badBranch[at] = 4;
    assertThat(splicer.read(badBranch, work)).isFalse();
    assertThat(splicer.read(null, work)).isFalse();
    assertThat(splicer.read(body, work)).isTrue();
  }
}
