package org.pcap2hdfs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Whole-row comparisons fail with a few lines naming the first difference. */
class RowDiffTest {
  private static List<GenericRecord> rows() throws Exception {
    return DecodedRows.of("ns1", "ams", Decoded.resource("dnscap__dns.pcap")).records();
  }

  @Test
  void equalRowsPassInAnyOrder() throws Exception {
    List<GenericRecord> a = rows();
    List<GenericRecord> b = new ArrayList<>(rows());
    java.util.Collections.reverse(b);
    Staged.assertSameRows(a, b);
  }

  @Test
  void aChangedColumnIsNamedWithItsRow() throws Exception {
    List<GenericRecord> expected = rows();
    List<GenericRecord> got = rows();
    GenericRecord changed = new GenericData.Record((GenericData.Record) got.get(7), true);
    changed.put("qname", "other.example.");
    got.set(7, changed);
    got.remove(3);
    assertThatThrownBy(() -> Staged.assertSameRows(got, expected))
        .hasMessageContaining("rows: got 40, expected 41; 1 missing")
        .hasMessageContaining("1 differing; first differing event_id " + changed.get("event_id"))
        .hasMessageContaining("qname got \"other.example.\", expected \"")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
  }

  @Test
  void aDoubledRowFails() throws Exception {
    List<GenericRecord> got = rows();
    got.add(got.get(0));
    assertThatThrownBy(() -> Staged.assertSameRows(got, rows())).hasMessageContaining("twice");
  }
}
