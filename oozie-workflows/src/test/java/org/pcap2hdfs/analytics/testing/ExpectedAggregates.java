package org.pcap2hdfs.analytics.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pcap2hdfs.analytics.aggregate.AggregateTable;
import org.pcap2hdfs.analytics.aggregate.Grain;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * The aggregate tables computed in plain Java over the rows that went into the warehouse (no SQL),
 * rendered as the tests render the database's rows: the period first, then each column's value with
 * {@code toString} ("null" for null), joined by {@code |}, sorted.
 */
public final class ExpectedAggregates {
  private final int topN;
  private final Map<String, Group> groups = new TreeMap<>();

  /** One (grain, period, server, location). */
  private static final class Group {
    final Grain grain;
    final String period;
    final String server;
    final String location;
    long queries;
    long unanswered;
    long unsolicited;
    long nxdomain;
    final Set<String> sources = new HashSet<>();
    final List<Long> times = new ArrayList<>();
    final Map<String, Map<String, Long>> dims = new TreeMap<>();
    final Map<String, long[]> customers = new TreeMap<>();
    final Map<String, String> customerNames = new HashMap<>();
    final Map<String, Long> domains = new HashMap<>();
    final Map<String, Long> srcs = new HashMap<>();

    Group(Grain grain, String period, String server, String location) {
      this.grain = grain;
      this.period = period;
      this.server = server;
      this.location = location;
    }
  }

  public ExpectedAggregates(int topN) {
    this.topN = topN;
  }

  /** Counts a row of the warehouse day {@code day}, partition {@code server}. */
  public void add(LocalDate day, String server, Row row) {
    for (Grain g : Grain.values()) {
      add(group(g, g.start(day).toString(), server, str(row, Fields.SERVER_LOCATION)), row);
    }
  }

  private Group group(Grain g, String period, String server, String loc) {
    return groups.computeIfAbsent(
        g + "|" + period + "|" + server + "|" + loc, k -> new Group(g, period, server, loc));
  }

  private static String str(Row row, int field) {
    return row.isNull(field) ? "" : row.getString(field);
  }

  private static String num(Row row, int field) {
    return row.isNull(field) ? "" : Integer.toString(row.getInt(field));
  }

  private static void add(Group g, Row row) {
    int rcode = row.getInt(Fields.RCODE);
    g.queries++;
    g.unanswered += rcode == -1 ? 1 : 0;
    g.nxdomain += rcode == 3 ? 1 : 0;
    g.unsolicited += row.isNull(Fields.REQ_LEN) ? 1 : 0;
    if (!row.isNull(Fields.SRC)) {
      g.sources.add(row.getString(Fields.SRC));
    }
    if (!row.isNull(Fields.PROC_TIME_US)) {
      g.times.add(row.getLong(Fields.PROC_TIME_US));
    }
    String prot = num(row, Fields.PROT);
    dim(g, "rcode", num(row, Fields.RCODE));
    dim(g, "qtype", num(row, Fields.QTYPE));
    dim(g, "transport", prot.equals("17") ? "udp" : prot.equals("6") ? "tcp" : prot);
    dim(g, "ip_version", num(row, Fields.IPV));
    dim(g, "country", str(row, Fields.COUNTRY));
    dim(g, "asn", str(row, Fields.ASN));
    String cid = str(row, Fields.CUSTOMER_ID);
    long[] c = g.customers.computeIfAbsent(cid, k -> new long[3]);
    c[0]++;
    c[1] += rcode == 3 ? 1 : 0;
    c[2] += rcode == -1 ? 1 : 0;
    if (!row.isNull(Fields.CUSTOMER_NAME)) {
      g.customerNames.merge(
          cid, row.getString(Fields.CUSTOMER_NAME), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    g.domains.merge(str(row, Fields.DOMAINNAME), 1L, Long::sum);
    g.srcs.merge(str(row, Fields.SRC), 1L, Long::sum);
  }

  private static void dim(Group g, String dimension, String item) {
    g.dims.computeIfAbsent(dimension, k -> new TreeMap<>()).merge(item, 1L, Long::sum);
  }

  /** The expected rows of a grain's table. */
  public List<String> rows(Grain grain, AggregateTable table) {
    List<String> out = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.grain != grain) {
        continue;
      }
      String key = g.period + "|" + g.server + "|" + g.location;
      switch (table) {
        case TOTALS:
          out.add(key + "|" + totals(g));
          break;
        case BREAKDOWN:
          g.dims.forEach(
              (d, items) -> items.forEach((i, n) -> out.add(key + "|" + d + "|" + i + "|" + n)));
          break;
        case CUSTOMERS:
          g.customers.forEach(
              (cid, c) ->
                  out.add(
                      key
                          + "|"
                          + cid
                          + "|"
                          + g.customerNames.get(cid)
                          + "|"
                          + c[0]
                          + "|"
                          + c[1]
                          + "|"
                          + c[2]
                          + "|"
                          + ((double) c[1] / c[0])
                          + "|"
                          + ((double) c[2] / c[0])));
          break;
        case TOP:
          top(out, key, "domain", g.domains);
          top(out, key, "source", g.srcs);
          break;
        default:
          throw new IllegalArgumentException(table.name());
      }
    }
    out.sort(null);
    return out;
  }

  private String totals(Group g) {
    List<Long> t = new ArrayList<>(g.times);
    t.sort(null);
    int n = t.size();
    return g.queries
        + "|"
        + g.unanswered
        + "|"
        + g.unsolicited
        + "|"
        + g.nxdomain
        + "|"
        + g.sources.size()
        + "|"
        + n
        + "|"
        + rank(t, 50)
        + "|"
        + rank(t, 90)
        + "|"
        + rank(t, 99)
        + "|"
        + (n == 0 ? null : t.get(n - 1));
  }

  /** Nearest rank: the value at 1-based position ceil(p/100 * n). */
  private static Long rank(List<Long> sorted, int percent) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    int position = (percent * n + 99) / 100;
    return sorted.get(position - 1);
  }

  private void top(List<String> out, String key, String kind, Map<String, Long> counts) {
    List<Map.Entry<String, Long>> e = new ArrayList<>(counts.entrySet());
    e.sort(
        (a, b) ->
            a.getValue().equals(b.getValue())
                ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
    for (int i = 0; i < Math.min(topN, e.size()); i++) {
      out.add(
          key + "|" + kind + "|" + (i + 1) + "|" + e.get(i).getKey() + "|" + e.get(i).getValue());
    }
  }
}
