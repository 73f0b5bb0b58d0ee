package org.pcap2hdfs.analytics.aggregate;

import java.time.LocalDate;

/**
 * The aggregate queries over the warehouse table, in the SQL that Impala and DuckDB both run:
 * {@code count(CASE ...)} instead of {@code FILTER}, no {@code GROUP BY} on aliases or ordinals,
 * nearest-rank percentiles from {@code row_number()} (Impala has no exact percentile function).
 * Each query selects the columns of its {@link AggregateTable} in order; every count is of rows. A
 * period's SQL only reads that period's partitions (year, month, day filters).
 */
public final class AggregateSql {
  /** The percentiles of the totals, as (column prefix, fraction) pairs. */
  private static final String[][] PERCENTILES = {{"p50", "0.5"}, {"p90", "0.9"}, {"p99", "0.99"}};

  /** The breakdown dimensions and the item expression of each over the warehouse columns. */
  static final String[][] DIMENSIONS = {
    {"rcode", "coalesce(CAST(rcode AS STRING), '')"},
    {"qtype", "coalesce(CAST(qtype AS STRING), '')"},
    {
      "transport",
      "CASE WHEN prot = 17 THEN 'udp' WHEN prot = 6 THEN 'tcp'"
          + " ELSE coalesce(CAST(prot AS STRING), '') END"
    },
    {"ip_version", "coalesce(CAST(ipv AS STRING), '')"},
    {"country", "coalesce(country, '')"},
    {"asn", "coalesce(asn, '')"},
  };

  /** The top-N kinds and the column ranked. */
  static final String[][] TOP_KINDS = {{"domain", "domainname"}, {"source", "src"}};

  private final String table;
  private final int topN;

  /**
   * @param table the warehouse table, as {@code db.table} or {@code table}
   * @param topN how many domains and sources each top list keeps
   */
  public AggregateSql(String table, int topN) {
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new IllegalArgumentException("table " + table + " is not an identifier or db.table");
    }
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be >= 1: " + topN);
    }
    this.table = table;
    this.topN = topN;
  }

  /**
   * The query that fills {@code target} for the period of {@code grain} starting on {@code start}.
   */
  public String query(AggregateTable target, Grain grain, LocalDate start) {
    String filter = grain.partitionFilter(start);
    switch (target) {
      case TOTALS:
        return totals(filter);
      case BREAKDOWN:
        return breakdown(filter);
      case CUSTOMERS:
        return customers(filter);
      case TOP:
        return top(filter);
      default:
        throw new IllegalArgumentException(target.name());
    }
  }

  /** The period's rows with {@code loc} for server_location (never null), as {@code alias}. */
  private String base(String columns, String filter, String alias) {
    return "(SELECT server, coalesce(server_location, '') AS loc, "
        + columns
        + " FROM "
        + table
        + " WHERE "
        + filter
        + ") "
        + alias;
  }

  private String totals(String filter) {
    StringBuilder p = new StringBuilder();
    for (String[] q : PERCENTILES) {
      p.append(" max(CASE WHEN rn = ceil(n * ")
          .append(q[1])
          .append(") THEN v END) AS ")
          .append(q[0])
          .append(',');
    }
    return "SELECT t.server, t.loc, t.queries, t.unanswered, t.unsolicited, t.nxdomain,"
        + " t.distinct_sources, coalesce(p.answered, 0), p.p50, p.p90, p.p99, p.mx"
        + " FROM (SELECT server, loc, count(*) AS queries,"
        + " count(CASE WHEN rcode = -1 THEN 1 END) AS unanswered,"
        + " count(CASE WHEN req_len IS NULL THEN 1 END) AS unsolicited,"
        + " count(CASE WHEN rcode = 3 THEN 1 END) AS nxdomain,"
        + " count(DISTINCT src) AS distinct_sources FROM "
        + base("src, rcode, req_len", filter, "a")
        + " GROUP BY server, loc) t"
        + " LEFT JOIN (SELECT server, loc, count(*) AS answered,"
        + p
        + " max(v) AS mx FROM (SELECT server, loc, proc_time_us AS v,"
        + " row_number() OVER (PARTITION BY server, loc ORDER BY proc_time_us) AS rn,"
        + " count(*) OVER (PARTITION BY server, loc) AS n FROM "
        + base("proc_time_us", filter + " AND proc_time_us IS NOT NULL", "b")
        + ") r GROUP BY server, loc) p"
        + " ON t.server = p.server AND t.loc = p.loc";
  }

  private String breakdown(String filter) {
    StringBuilder sql = new StringBuilder();
    for (String[] d : DIMENSIONS) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT server, loc, '")
          .append(d[0])
          .append("' AS dimension, item, count(*) AS queries FROM ")
          .append(base(d[1] + " AS item", filter, "d"))
          .append(" GROUP BY server, loc, item");
    }
    return sql.toString();
  }

  private String customers(String filter) {
    String nx = "count(CASE WHEN rcode = 3 THEN 1 END)";
    String un = "count(CASE WHEN rcode = -1 THEN 1 END)";
    return "SELECT server, loc, cid, max(customer_name), count(*), "
        + nx
        + ", "
        + un
        + ", CAST("
        + nx
        + " AS DOUBLE) / count(*), CAST("
        + un
        + " AS DOUBLE) / count(*) FROM "
        + base("coalesce(customer_id, '') AS cid, customer_name, rcode", filter, "c")
        + " GROUP BY server, loc, cid";
  }

  private String top(String filter) {
    StringBuilder sql = new StringBuilder();
    for (String[] k : TOP_KINDS) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT server, loc, '")
          .append(k[0])
          .append("' AS kind, place, item, queries FROM (SELECT server, loc, item, queries,")
          .append(" row_number() OVER (PARTITION BY server, loc ORDER BY queries DESC, item)")
          .append(" AS place FROM (SELECT server, loc, item, count(*) AS queries FROM ")
          .append(base("coalesce(" + k[1] + ", '') AS item", filter, "s"))
          .append(" GROUP BY server, loc, item) g) r WHERE place <= ")
          .append(topN);
    }
    return sql.toString();
  }
}
