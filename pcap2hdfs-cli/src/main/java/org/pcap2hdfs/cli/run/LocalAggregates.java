package org.pcap2hdfs.cli.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.hadoop.conf.Configuration;
import org.pcap2hdfs.analytics.aggregate.AggregateException;
import org.pcap2hdfs.analytics.aggregate.AggregateJob;
import org.pcap2hdfs.analytics.aggregate.AggregatesConfig;
import org.pcap2hdfs.analytics.aggregate.AggregatesMain;
import org.pcap2hdfs.analytics.db.Database;

/**
 * {@code run}'s aggregates: the aggregate job over the local warehouse with DuckDB as the engine,
 * into PostgreSQL when a JDBC URL is given, else into an embedded H2 database in the working
 * directory (kept between runs, so a run again recomputes only changed days); and the report's
 * per-customer daily and monthly tables, read back from that database.
 */
final class LocalAggregates {
  /** The report's tables read from the aggregates database: key, title, period column, table. */
  static final String[][] QUERIES = {
    {"customers_daily", "Per customer and day (aggregates database)", "day", "daily_customers"},
    {
      "customers_monthly",
      "Per customer and month (aggregates database)",
      "month",
      "monthly_customers"
    },
  };

  private final AggregatesConfig config;

  private LocalAggregates(AggregatesConfig config) {
    this.config = config;
  }

  /**
   * @param jdbcUrl PostgreSQL (or any) JDBC URL; null: the embedded H2 database under {@code work}
   * @param passwordFile file holding the password, or null
   * @param passwordEnv environment variable holding the password, or null
   */
  static LocalAggregates of(
      Path warehouse,
      Path work,
      String jdbcUrl,
      String user,
      Path passwordFile,
      String passwordEnv) {
    Configuration c = new Configuration();
    c.set(AggregatesConfig.WAREHOUSE_DIR, warehouse.toUri().toString());
    c.set(AggregatesConfig.ENGINE_JDBC_URL, "jdbc:duckdb:");
    c.set(AggregatesConfig.JDBC_URL, jdbcUrl != null ? jdbcUrl : embeddedUrl(work));
    c.set(AggregatesConfig.JDBC_USER, jdbcUrl != null ? (user != null ? user : "") : "sa");
    if (passwordFile != null) {
      c.set(AggregatesConfig.JDBC_PASSWORD_FILE, passwordFile.toString());
    }
    if (passwordEnv != null) {
      c.set(AggregatesConfig.JDBC_PASSWORD_ENV, passwordEnv);
    }
    return new LocalAggregates(AggregatesConfig.from(c));
  }

  /** The embedded database: H2 in PostgreSQL mode (day and month are column names here). */
  static String embeddedUrl(Path work) {
    return "jdbc:h2:file:"
        + work.resolve("aggregates/aggregates").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=DAY,MONTH,VALUE";
  }

  String url() {
    return Database.redact(config.database().url());
  }

  AggregateJob.Result run() throws AggregateException, java.io.IOException {
    return AggregatesMain.run(config);
  }

  /** Adds the per-customer daily and monthly tables to the report. */
  void addTo(WarehouseReport report) throws SQLException {
    try (Connection c = config.database().connect();
        Statement s = c.createStatement()) {
      for (String[] q : QUERIES) {
        report.tables.put(q[0], WarehouseReport.run(s, q[1], customers(q[2], q[3])));
      }
    }
  }

  private static String customers(String period, String table) {
    return "SELECT "
        + period
        + ", CASE WHEN customer_id = '' THEN '(no customer)'"
        + " ELSE coalesce(max(customer_name), customer_id) END AS customer,"
        + " CAST(sum(queries) AS BIGINT) AS queries,"
        + " round(100.0 * sum(nxdomain) / sum(queries), 1) AS nxdomain_pct,"
        + " round(100.0 * sum(unanswered) / sum(queries), 1) AS unanswered_pct"
        + " FROM "
        + table
        + " GROUP BY "
        + period
        + ", customer_id ORDER BY "
        + period
        + ", queries DESC, customer";
  }
}
