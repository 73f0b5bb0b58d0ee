package org.pcap2hdfs.interceptor.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.interceptor.Settings;
import org.pcap2hdfs.interceptor.StageSettings;

/** Configuration of the customer stage: its keys, defaults and validation. */
public final class CustomerSettings implements StageSettings {
  /** JDBC URL of the database holding the customer zones (required). */
  public static final String JDBC_URL = "jdbcUrl";

  /** Class name of the JDBC driver, for drivers that do not register themselves (optional). */
  public static final String DRIVER_CLASS = "driverClass";

  /** Database user (optional). */
  public static final String USER = "user";

  /** Password in plain configuration; prefer {@link #PASSWORD_FILE} or {@link #PASSWORD_ENV}. */
  public static final String PASSWORD = "password";

  /** File holding the password (trailing newline ignored); read at every connection. */
  public static final String PASSWORD_FILE = "passwordFile";

  /** Name of the environment variable holding the password. */
  public static final String PASSWORD_ENV = "passwordEnv";

  /** Query returning zone, customer id, customer name as its first three columns. */
  public static final String QUERY = "query";

  public static final String DEFAULT_QUERY =
      "SELECT zone, customer_id, customer_name FROM customer_zones";

  /** Milliseconds between refreshes of the snapshot. */
  public static final String REFRESH_MILLIS = "refreshMillis";

  public static final long DEFAULT_REFRESH_MILLIS = 300_000;

  /** Milliseconds between attempts while no snapshot was ever loaded (started empty). */
  public static final String RETRY_MILLIS = "retryMillis";

  public static final long DEFAULT_RETRY_MILLIS = 30_000;

  /** What to do when the database cannot be read at start: {@code fail} or {@code empty}. */
  public static final String ON_START_FAILURE = "onStartFailure";

  public static final OnStartFailure DEFAULT_ON_START_FAILURE = OnStartFailure.FAIL;

  /** Seconds the query may run. */
  public static final String QUERY_TIMEOUT_SECONDS = "queryTimeoutSeconds";

  public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 60;

  /** What the interceptor does when the first load fails. */
  public enum OnStartFailure {
    /** initialize() throws: the agent does not start the source (and retries later). */
    FAIL,
    /** start with no zones and retry every {@link #RETRY_MILLIS}. */
    EMPTY
  }

  final String jdbcUrl;
  final String user;
  final Supplier<String> password;
  final String query;
  final long refreshMillis;
  final long retryMillis;
  final OnStartFailure onStartFailure;
  final int queryTimeoutSeconds;

  private CustomerSettings(Settings s) {
    String driver = s.optional(DRIVER_CLASS);
    if (driver != null) {
      try {
        Class.forName(driver);
      } catch (ClassNotFoundException | LinkageError e) {
        throw s.invalid(DRIVER_CLASS, "class " + driver + " is not on the classpath", e);
      }
    }
    jdbcUrl = s.required(JDBC_URL);
    try {
      DriverManager.getDriver(jdbcUrl);
    } catch (SQLException e) {
      throw s.invalid(JDBC_URL, "no JDBC driver on the classpath accepts '" + jdbcUrl + "'", e);
    }
    user = s.optional(USER);
    password = password(s);
    query = s.string(QUERY, DEFAULT_QUERY);
    refreshMillis = s.longAtLeast(REFRESH_MILLIS, DEFAULT_REFRESH_MILLIS, 100);
    retryMillis = s.longAtLeast(RETRY_MILLIS, DEFAULT_RETRY_MILLIS, 100);
    onStartFailure = s.choice(ON_START_FAILURE, DEFAULT_ON_START_FAILURE);
    queryTimeoutSeconds = s.intAtLeast(QUERY_TIMEOUT_SECONDS, DEFAULT_QUERY_TIMEOUT_SECONDS, 1);
  }

  public static CustomerSettings from(Settings s) {
    return new CustomerSettings(s);
  }

  private static Supplier<String> password(Settings s) {
    String plain = s.optional(PASSWORD);
    Path file = s.readableFile(PASSWORD_FILE);
    String env = s.optional(PASSWORD_ENV);
    int given = (plain != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
    if (given > 1) {
      throw s.invalid(
          PASSWORD, "set only one of " + PASSWORD + ", " + PASSWORD_FILE + ", " + PASSWORD_ENV);
    }
    if (file != null) {
      return () -> readPassword(file);
    }
    if (env != null) {
      String value = System.getenv(env);
      if (value == null) {
        throw s.invalid(PASSWORD_ENV, "environment variable " + env + " is not set");
      }
      return () -> value;
    }
    return () -> plain;
  }

  private static String readPassword(Path file) {
    try {
      String p = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      int end = p.length();
      while (end > 0 && (p.charAt(end - 1) == '\n' || p.charAt(end - 1) == '\r')) {
        end--;
      }
      return p.substring(0, end);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + file, e);
    }
  }

  @Override
  public String kind() {
    return "customer";
  }

  @Override
  public EnrichmentStage newStage(EnrichmentCounters counters) {
    JdbcZoneSource source = new JdbcZoneSource(jdbcUrl, user, password, query, queryTimeoutSeconds);
    return new CustomerStage(new ZoneDirectory(source, this, counters), counters);
  }
}
