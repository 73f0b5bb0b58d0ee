package org.pcap2hdfs.compaction.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
        .hasMessage("no column nosuch in the event schema");
    assertThatThrownBy(() -> SortKey.of("qname", "qname")).hasMessage("column qname given twice");
  }
}
