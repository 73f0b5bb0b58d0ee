package org.pcap2hdfs.interceptor.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneTableTest {
  private static final ZoneTable ZONES = zones();

  private static ZoneTable zones() {
    ZoneTable.Builder b = new ZoneTable.Builder();
    b.add("example.ca", "C1", "One");
    b.add("Shop.Example.CA.", "C2", "Two");
    b.add("ca", "C9", "The TLD");
    b.add("a.b.c.d.e.f", "C3", "Deep");
    b.add("org.", "C4", "Org");
    return b.build();
  }

  private static String zoneOf(ZoneTable table, String qname) {
    byte[] q = qname.getBytes(StandardCharsets.UTF_8);
    CustomerZone z = table.match(q, 0, q.length, new int[ZoneTable.SCRATCH]);
    return z == null ? null : new String(z.zone, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "example.ca, example.ca",
        "www.example.ca, example.ca",
        "shop.example.ca, shop.example.ca",
        "www.shop.example.ca, shop.example.ca",
        "a.b.www.shop.example.ca, shop.example.ca",
        "notexample.ca, ca",
        "notshop.example.ca, example.ca",
        "ca, ca",
        "xca, none",
        "WWW.Example.CA, example.ca",
        "www.example.ca., example.ca",
        "www.shop.example.ca.., shop.example.ca",
        "example.com, none",
        "., none",
        "'', none",
        "x.a.b.c.d.e.f, a.b.c.d.e.f",
        "b.c.d.e.f, none",
        "www.example.org, org",
        "example.ca.evil.com, none"
      })
  void findsTheLongestZoneEndingAtALabelBoundary(String qname, String zone) {
    assertThat(zoneOf(ZONES, qname)).isEqualTo(zone);
  }

  @Test
  void anEmptyTableMatchesNothing() {
    assertThat(zoneOf(ZoneTable.EMPTY, "www.example.ca")).isNull();
  }

  @Test
  void blankZonesAreRefusedAndTheLastCustomerOfAZoneWins() {
    ZoneTable.Builder b = new ZoneTable.Builder();
    assertThat(b.add("  ", "C0", "Blank")).isFalse();
    assertThat(b.add(".", "C0", "Root")).isFalse();
    assertThat(b.add(null, "C0", "Null")).isFalse();
    assertThat(b.add("example.ca", "C1", "First")).isTrue();
    assertThat(b.add("EXAMPLE.ca.", "C2", "Second")).isTrue();
    ZoneTable t = b.build();
    assertThat(t.size()).isEqualTo(1);
    byte[] q = "www.example.ca".getBytes(StandardCharsets.UTF_8);
    org.pcap2hdfs.row.Row row = new org.pcap2hdfs.row.Row();
    t.match(q, 0, q.length, new int[ZoneTable.SCRATCH]).write(row);
    assertThat(row.getString(org.pcap2hdfs.row.Fields.CUSTOMER_ID)).isEqualTo("C2");
    assertThat(row.getString(org.pcap2hdfs.row.Fields.CUSTOMER_NAME)).isEqualTo("Second");
    assertThat(row.getString(org.pcap2hdfs.row.Fields.ZONE)).isEqualTo("example.ca");
  }

  @Test
  void aNameWithVeryManyLabelsIsMatchedOnItsLastLabels() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      q.append("x.");
    }
    q.append("www.example.ca");
    assertThat(zoneOf(ZONES, q.toString())).isEqualTo("example.ca");
  }

  @Test
  void manyZonesStayExact() {
    ZoneTable.Builder b = new ZoneTable.Builder();
    for (int i = 0; i < 5000; i++) {
      b.add("zone" + i + ".example", "C" + i, "Customer " + i);
    }
    ZoneTable t = b.build();
    assertThat(t.size()).isEqualTo(5000);
    for (int i = 0; i < 5000; i += 7) {
      assertThat(zoneOf(t, "www.zone" + i + ".example")).isEqualTo("zone" + i + ".example");
    }
    assertThat(zoneOf(t, "www.zone5000.example")).isNull();
  }
}
