package org.pcap2hdfs.cli.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a warehouse, computed by embedded DuckDB over the Parquet files with the SQL an
 * Impala user would write against the {@code dns.queries} table (here a view of the same name).
 */
final class WarehouseReport {
  /** One titled result: column names and rows. */
  static final class Table {
    final String title;
    final List<String> columns = new ArrayList<>();
    final List<List<Object>> rows = new ArrayList<>();

    Table(String title) {
      this.title = title;
    }

    Object value(int row, String column) {
      return rows.get(row).get(columns.indexOf(column));
    }
  }

  final Map<String, Table> tables = new LinkedHashMap<>();

  /** The report's queries, by key: title and SQL over the view {@code queries}. */
  static final String[][] QUERIES = {
    {
      "totals",
      "Totals",
      "SELECT count(*) AS rows_total,"
          + " count(req_len) AS queries,"
          + " count(res_len) AS responses,"
          + " count(*) FILTER (WHERE req_len IS NOT NULL AND res_len IS NOT NULL) AS matched,"
          + " round(100.0 * count(*) FILTER (WHERE rcode = -1) / count(*), 2) AS unanswered_pct,"
          + " round(100.0 * count(*) FILTER (WHERE req_len IS NULL) / count(*), 2) AS unsolicited_pct,"
          + " count(DISTINCT src) AS clients,"
          + " min(query_ts) AS first_query, max(query_ts) AS last_query"
          + " FROM queries"
    },
    {
      "locations",
      "Queries per server location",
      "SELECT server_location, server, count(*) AS queries,"
          + " round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct"
          + " FROM queries GROUP BY server_location, server ORDER BY queries DESC"
    },
    {
      "servers",
      "Distribution across servers",
      "SELECT server, count(DISTINCT server_location) AS locations, count(*) AS queries,"
          + " round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct"
          + " FROM queries GROUP BY server ORDER BY queries DESC"
    },
    {
      "customers",
      "Per customer",
      "WITH c AS (SELECT coalesce(customer_name, '(no customer)') AS customer, qname, rcode FROM queries),"
          + " top AS (SELECT customer, qname, count(*) AS n,"
          + "   row_number() OVER (PARTITION BY customer ORDER BY count(*) DESC, qname) AS r"
          + "   FROM c GROUP BY customer, qname)"
          + " SELECT c.customer, count(*) AS queries,"
          + " round(100.0 * count(*) FILTER (WHERE rcode = 3) / count(*), 1) AS nxdomain_pct,"
          + " round(100.0 * count(*) FILTER (WHERE rcode = -1) / count(*), 1) AS unanswered_pct,"
          + " (SELECT string_agg(qname || ' (' || n || ')', ', ' ORDER BY r) FROM top"
          + "   WHERE top.customer = c.customer AND r <= 3) AS top_names"
          + " FROM c GROUP BY c.customer ORDER BY queries DESC"
    },
    {
      "qtypes",
      "Per query type",
      "SELECT qtype, count(*) AS queries, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct"
          + " FROM queries WHERE qtype IS NOT NULL GROUP BY qtype ORDER BY queries DESC"
    },
    {
      "rcodes",
      "Per response code",
      "SELECT rcode, count(*) AS queries, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct"
          + " FROM queries GROUP BY rcode ORDER BY queries DESC"
    },
    {
      "domains",
      "Top domains",
      "SELECT domainname, count(*) AS queries FROM queries WHERE domainname IS NOT NULL"
          + " GROUP BY domainname ORDER BY queries DESC, domainname LIMIT 10"
    },
    {
      "latency",
      "Response time (ms, answered queries)",
      "SELECT round(quantile_cont(proc_time_us, 0.5) / 1000.0, 3) AS p50,"
          + " round(quantile_cont(proc_time_us, 0.9) / 1000.0, 3) AS p90,"
          + " round(quantile_cont(proc_time_us, 0.99) / 1000.0, 3) AS p99,"
          + " round(max(proc_time_us) / 1000.0, 3) AS max"
          + " FROM queries WHERE proc_time_us IS NOT NULL"
    },
    {
      "countries",
      "Top client countries",
      "SELECT coalesce(country, '(unknown)') AS country, count(*) AS queries,"
          + " count(DISTINCT src) AS clients FROM queries GROUP BY 1 ORDER BY queries DESC LIMIT 10"
    },
    {
      "asns",
      "Top client ASNs",
      "SELECT coalesce(asn, '(unknown)') AS asn, coalesce(asn_organisation, '') AS organisation,"
          + " count(*) AS queries FROM queries GROUP BY 1, 2 ORDER BY queries DESC LIMIT 10"
    },
    {
      "timeline",
      "Queries over time per location",
      "SELECT epoch(date_trunc('second', query_ts)) AS second, server_location, count(*) AS queries"
          + " FROM queries GROUP BY 1, 2 ORDER BY 1, 2"
    },
  };

  /** The ICMP section: SQL over the view {@code icmp} of the ICMP warehouse table. */
  static final String[] ICMP_QUERY = {
    "icmp",
    "ICMP messages (icmp table)",
    "SELECT ip_v, icmp_type, icmp_code, count(*) AS messages,"
        + " count(orig_dns_id) AS quoting_dns,"
        + " count(*) FILTER (WHERE orig_dns_qr) AS quoting_responses,"
        + " string_agg(DISTINCT orig_dns_domainname, ', ' ORDER BY orig_dns_domainname)"
        + " AS quoted_domains"
        + " FROM icmp GROUP BY ip_v, icmp_type, icmp_code ORDER BY messages DESC, ip_v, icmp_type,"
        + " icmp_code"
  };

  static WarehouseReport of(Path warehouse) throws SQLException {
    return of(warehouse, null);
  }

  /** The report; with {@code icmpWarehouse} (not null) also its ICMP section. */
  static WarehouseReport of(Path warehouse, Path icmpWarehouse) throws SQLException {
    WarehouseReport report = new WarehouseReport();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE VIEW queries AS SELECT * FROM read_parquet('"
              + warehouse.toAbsolutePath().toString().replace("'", "''")
              + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true)");
      for (String[] q : QUERIES) {
        report.tables.put(q[0], run(s, q[1], q[2]));
      }
      if (icmpWarehouse != null) {
        s.execute(
            "CREATE VIEW icmp AS SELECT * FROM read_parquet('"
                + icmpWarehouse.toAbsolutePath().toString().replace("'", "''")
                + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true)");
        report.tables.put(ICMP_QUERY[0], run(s, ICMP_QUERY[1], ICMP_QUERY[2]));
      }
      ReportAnalytics.addTo(report, c);
    }
    return report;
  }

  static Table run(Statement s, String title, String sql) throws SQLException {
    Table t = new Table(title);
    try (ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        t.columns.add(md.getColumnLabel(i));
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        t.rows.add(row);
      }
    }
    return t;
  }

  long totalRows() {
    return ((Number) tables.get("totals").value(0, "rows_total")).longValue();
  }
}
