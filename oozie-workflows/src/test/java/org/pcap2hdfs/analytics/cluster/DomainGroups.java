package org.pcap2hdfs.analytics.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Rows of three clearly different groups of registered domains over one day, as a warehouse-layout
 * Parquet table: {@code pop*} (popular: many clients and query types, three servers, half via
 * public resolvers), {@code nx*} (mostly NXDOMAIN, A only) and {@code bot*} (one client, one
 * server, TXT only).
 */
final class DomainGroups {
  static final long FROM_MS = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
  static final long TO_MS = FROM_MS + 86_400_000L;
  static final int POPULAR = 120;
  static final int NX = 80;
  static final int BOTS = 60;
  private static final String[] SERVERS = {"ns1", "ns2", "ns3"};
  private static final int[] QTYPES = {1, 28, 15, 2, 16, 6};

  private DomainGroups() {}

  static void write(Connection duck, Path warehouse, long seed) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE group_rows (time BIGINT, src VARCHAR, server VARCHAR,"
              + " server_location VARCHAR, qtype INTEGER, rcode INTEGER, req_len INTEGER,"
              + " qname VARCHAR, domainname VARCHAR, pub_resolver VARCHAR)");
    }
    Random r = new Random(seed);
    try (DuckDBAppender a =
        duck.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "group_rows")) {
      for (int d = 0; d < POPULAR; d++) {
        int n = 300 + r.nextInt(400);
        for (int i = 0; i < n; i++) {
          String pub = r.nextBoolean() ? (r.nextBoolean() ? "Google" : "Cloudflare") : null;
          row(
              a,
              r,
              "pop" + d + ".example",
              "192.0.2." + r.nextInt(250),
              SERVERS[r.nextInt(3)],
              QTYPES[r.nextInt(5)],
              r.nextInt(50) == 0 ? 3 : 0,
              pub);
        }
      }
      for (int d = 0; d < NX; d++) {
        int n = 40 + r.nextInt(40);
        for (int i = 0; i < n; i++) {
          row(
              a,
              r,
              "nx" + d + ".example",
              "198.51.100." + r.nextInt(30),
              SERVERS[r.nextInt(3)],
              1,
              r.nextInt(20) == 0 ? 0 : 3,
              r.nextInt(10) == 0 ? "Quad9" : null);
        }
      }
      for (int d = 0; d < BOTS; d++) {
        int n = 200 + r.nextInt(200);
        String client = "203.0.113." + d;
        for (int i = 0; i < n; i++) {
          row(a, r, "bot" + d + ".example", client, "ns1", 16, 0, null);
        }
      }
    }
    try (Statement s = duck.createStatement()) {
      s.execute(
          "COPY (SELECT epoch_ms(time) AS query_ts, *, year(epoch_ms(time)) AS year,"
              + " month(epoch_ms(time)) AS month, day(epoch_ms(time)) AS day FROM group_rows) TO '"
              + warehouse.toAbsolutePath()
              + "' (FORMAT parquet, PARTITION_BY (year, month, day, server), OVERWRITE_OR_IGNORE)");
      s.execute("DROP TABLE group_rows");
    }
  }

  private static void row(
      DuckDBAppender a,
      Random r,
      String domain,
      String src,
      String server,
      int qtype,
      int rcode,
      String pub)
      throws SQLException {
    a.beginRow();
    a.append(FROM_MS + (long) (r.nextDouble() * 86_400_000L));
    a.append(src);
    a.append(server);
    a.append("loc-" + server);
    a.append(qtype);
    a.append(rcode);
    a.append(40);
    a.append("www." + domain);
    a.append(domain);
    if (pub == null) {
      a.appendNull();
    } else {
      a.append(pub);
    }
    a.endRow();
  }

  /** The group a domain was generated in: 0 popular, 1 NX, 2 bots. */
  static int group(String domain) {
    return domain.startsWith("pop") ? 0 : domain.startsWith("nx") ? 1 : 2;
  }
}
