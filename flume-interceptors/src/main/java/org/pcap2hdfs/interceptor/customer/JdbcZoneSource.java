package org.pcap2hdfs.interceptor.customer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the customer zones with one query over a fresh JDBC connection: columns 1, 2 and 3 of the
 * result are zone, customer id and customer name (names and further columns are free).
 */
final class JdbcZoneSource {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcZoneSource.class);

  private final String url;
  private final String user;
  private final Supplier<String> password;
  private final String query;
  private final int queryTimeoutSeconds;

  JdbcZoneSource(
      String url, String user, Supplier<String> password, String query, int queryTimeoutSeconds) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.query = query;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  String url() {
    return url;
  }

  ZoneTable load() throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    String secret = password.get();
    if (secret != null) {
      p.setProperty("password", secret);
    }
    ZoneTable.Builder zones = new ZoneTable.Builder();
    int rows = 0;
    int skipped = 0;
    try (Connection c = DriverManager.getConnection(url, p);
        Statement st = c.createStatement()) {
      st.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = st.executeQuery(query)) {
        if (rs.getMetaData().getColumnCount() < 3) {
          throw new SQLException(
              "the query returns "
                  + rs.getMetaData().getColumnCount()
                  + " columns; it needs zone, customer id, customer name");
        }
        while (rs.next()) {
          rows++;
          if (!zones.add(rs.getString(1), rs.getString(2), rs.getString(3))) {
            skipped++;
          }
        }
      }
    }
    if (skipped > 0) {
      LOG.warn("{} of {} customer rows from {} have no zone and were skipped", skipped, rows, url);
    }
    return zones.build();
  }
}
