package org.pcap2hdfs.analytics.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Where the analytics database is and how to log in: a JDBC URL, an optional user, and a password
 * supplied when connecting (read from a file or the environment, as the customer interceptor's).
 */
public final class Database {
  private final String url;
  private final String user;
  private final Supplier<String> password;

  public Database(String url, String user, Supplier<String> password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public String url() {
    return url;
  }

  /**
   * A new connection, the schema migrated; fails with a message naming the (redacted) URL.
   *
   * @throws SQLException when the database is unreachable, refuses the login or a migration fails
   */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    if (user != null && !user.isEmpty()) {
      p.setProperty("user", user);
    }
    String secret = password.get();
    if (secret != null) {
      p.setProperty("password", secret);
    }
    Connection c;
    try {
      c = DriverManager.getConnection(url, p);
    } catch (SQLException e) {
      throw new SQLException(
          "cannot connect to the aggregates database " + redact(url) + ": " + e.getMessage(),
          e.getSQLState(),
          e);
    }
    try {
      Migrations.apply(c);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The URL without a password parameter. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
  }
}
