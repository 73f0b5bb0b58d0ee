package org.pcap2hdfs.analytics.aggregate;

import java.util.List;

/**
 * The kinds of aggregate tables, each with its columns after the period key, in the order the
 * aggregate SQL selects them and the writer inserts them (the DDL is in analytics/db/V1, V2).
 */
public enum AggregateTable {
  TOTALS(
      "totals",
      "server S",
      "server_location S",
      "queries L",
      "unanswered L",
      "unsolicited L",
      "nxdomain L",
      "distinct_sources L",
      "answered L",
      "p50_us L",
      "p90_us L",
      "p99_us L",
      "max_us L"),
  BREAKDOWN("breakdown", "server S", "server_location S", "dimension S", "item S", "queries L"),
  CUSTOMERS(
      "customers",
      "server S",
      "server_location S",
      "customer_id S",
      "customer_name S",
      "queries L",
      "nxdomain L",
      "unanswered L",
      "nxdomain_share D",
      "unanswered_share D"),
  TOP("top", "server S", "server_location S", "kind S", "place I", "item S", "queries L");

  /** A column's JDBC handling: S string, L long, I int, D double (nulls kept). */
  public static final class Column {
    public final String name;
    public final char type;

    Column(String spec) {
      String[] p = spec.split(" ");
      this.name = p[0];
      this.type = p[1].charAt(0);
    }
  }

  private final String suffix;
  private final List<Column> columns;

  AggregateTable(String suffix, String... specs) {
    this.suffix = suffix;
    Column[] cs = new Column[specs.length];
    for (int i = 0; i < specs.length; i++) {
      cs[i] = new Column(specs[i]);
    }
    this.columns = List.of(cs);
  }

  public String suffix() {
    return suffix;
  }

  public List<Column> columns() {
    return columns;
  }
}
