package org.pcap2hdfs.compaction.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.compaction.avro.DatumLayout;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

class SortKeyTest {
  private static byte[] key(SortKey k, Row r) {
    ByteSink s = new ByteSink(64);
    k.encode(r, s);
    return s.toByteArray();
  }

  private static int cmp(byte[] a, byte[] b) {
    return Integer.signum(SortKey.compare(a, 0, a.length, b, 0, b.length));
  }

  private static Row row(String domain, long timeUs, String eventId) {
    Row r = new Row();
    r.setString(Fields.DOMAINNAME, domain);
    r.setLong(Fields.TIME_US, timeUs);
    r.setString(Fields.EVENT_ID, eventId);
    return r;
  }

  @Test
  void ordersByColumnsThenEventIdWithNullsFirst() {
    SortKey k = SortKey.of("domainname", "time_us");
    assertThat(k.columns()).containsExactly("domainname", "time_us", "event_id");
    byte[] nullDomain = key(k, row(null, 5, "a"));
    byte[] ab = key(k, row("ab", 9, "a"));
    byte[] abc = key(k, row("abc", 1, "a"));
    byte[] abNeg = key(k, row("ab", -3, "a"));
    byte[] abNegB = key(k, row("ab", -3, "b"));
    byte[] zero = key(k, row("a\u0000", 1, "a"));
    byte[] a = key(k, row("a", 1, "a"));
    assertThat(cmp(nullDomain, a)).isEqualTo(-1);
    assertThat(cmp(a, zero)).isEqualTo(-1);
    assertThat(cmp(zero, ab)).isEqualTo(-1);
    assertThat(cmp(abNeg, ab)).isEqualTo(-1);
    assertThat(cmp(abNeg, abNegB)).isEqualTo(-1);
    assertThat(cmp(ab, abc)).isEqualTo(-1);
    assertThat(cmp(ab, key(k, row("ab", 9, "a")))).isZero();
  }

  @Test
  void rejectsUnknownAndRepeatedColumns() {
    assertThatThrownBy(() -> SortKey.of("domainname", "nosuch"))
        .hasMessage("no column nosuch in the dns row schema");
    assertThatThrownBy(() -> SortKey.of("qname", "qname")).hasMessage("column qname given twice");
  }

  /** The key scanned from a datum is the key of its row, for every kind of column, null or not. */
  @Test
  void keyFromDatumEqualsKeyFromRow() throws Exception {
    SyntheticRows g = new SyntheticRows(3, 1_709_596_800_000_000L, 1_000, "ns1");
    SortKey k = SortKey.of("qtype", "aa", "latitude", "edns_udp", "domainname", "time_us");
    ByteSink datum = new ByteSink(512);
    ByteSink scanned = new ByteSink(64);
    for (int i = 0; i < 2_000; i++) {
      Row r = new Row();
      g.fill(r, i);
      if (i % 3 == 0) {
        r.setDouble(Fields.LATITUDE, i % 2 == 0 ? -0.5 * i : 0.25 * i);
      }
      datum.reset();
      AvroRowCodec.encode(r, datum);
      scanned.reset();
      assertThat(k.encodeFromDatum(datum.bytes(), 0, datum.length(), scanned))
          .isEqualTo(datum.length());
      assertThat(scanned.toByteArray()).isEqualTo(key(k, r));
    }
  }

  /** A datum cut anywhere, or with a bad union branch, fails with an IOException. */
  @Test
  void rejectsTruncatedAndCorruptDatums() throws IOException {
    Row r = new Row();
    new SyntheticRows(3, 1_709_596_800_000_000L, 1_000, "ns1").fill(r, 1);
    ByteSink datum = new ByteSink(512);
    AvroRowCodec.encode(r, datum);
    byte[] b = datum.toByteArray();
    SortKey k = SortKey.of("domainname", "time_us");
    for (int cut = 0; cut < b.length; cut++) {
      int end = cut;
      byte[] shortArray = Arrays.copyOf(b, cut);
      assertThatThrownBy(() -> k.encodeFromDatum(b, 0, end, new ByteSink(64)))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> k.encodeFromDatum(shortArray, 0, end, new ByteSink(64)))
          .isInstanceOf(IOException.class);
    }
    // qname is the third field, a ["null", string] union right after id and time.
    int qnameBranch = DatumLayout.skipVarint(b, DatumLayout.skipVarint(b, 0));
    assertThat(b[qnameBranch]).isEqualTo((byte) 2);
    byte[] bad = b.clone();
    bad[qnameBranch] = 4;
    assertThatThrownBy(() -> k.encodeFromDatum(bad, 0, bad.length, new ByteSink(64)))
        .isInstanceOf(IOException.class)
        .hasMessage("bad union branch for field qname");
  }
}
