package org.pcap2hdfs.analytics.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.pcap2hdfs.analytics.db.Database;

/**
 * The aggregate job's settings, every key declared once with its default and a one-line doc, read
 * from a Hadoop {@link Configuration} and validated with messages that name the key. The database
 * password comes from exactly one of a file, an environment variable or (discouraged) plain text,
 * as for the customer interceptor.
 */
public final class AggregatesConfig {
  private static final String P = "pcap2hdfs.aggregates.";

  /** Root (Impala table LOCATION) of the Parquet warehouse table (required). */
  public static final String WAREHOUSE_DIR = P + "warehouse.dir";

  /**
   * JDBC URL of the query engine running the aggregate SQL: an impalad ({@code
   * jdbc:impala://host:21050/default}) or {@code jdbc:duckdb:} (local; reads warehouse.dir).
   */
  public static final String ENGINE_JDBC_URL = P + "engine.jdbc.url";

  /** JDBC driver class of the engine the operator put on the classpath; empty: by URL. */
  public static final String ENGINE_JDBC_DRIVER = P + "engine.jdbc.driver";

  public static final String DEFAULT_ENGINE_JDBC_DRIVER = "";

  /** The warehouse table as the engine knows it, as db.table. */
  public static final String TABLE = P + "table";

  public static final String DEFAULT_TABLE = "dns.queries";

  /**
   * JDBC URL of the aggregates database (PostgreSQL), e.g. jdbc:postgresql://host/dns (required).
   */
  public static final String JDBC_URL = P + "jdbc.url";

  /** Database user. */
  public static final String JDBC_USER = P + "jdbc.user";

  /** File holding the database password (trailing newline ignored); read at each connection. */
  public static final String JDBC_PASSWORD_FILE = P + "jdbc.password.file";

  /** Name of the environment variable holding the database password. */
  public static final String JDBC_PASSWORD_ENV = P + "jdbc.password.env";

  /** The database password in plain configuration; prefer jdbc.password.file or .env. */
  public static final String JDBC_PASSWORD = P + "jdbc.password";

  /**
   * Comma-separated days (yyyy-MM-dd) to recompute, with their months; empty: every warehouse day
   * whose files changed since it was last aggregated.
   */
  public static final String DAYS = P + "days";

  public static final String DEFAULT_DAYS = "";

  /** How many domains and sources each top list keeps. */
  public static final String TOP_N = P + "top.n";

  public static final int DEFAULT_TOP_N = 10;

  /** Every key above, for documentation and checks. */
  public static final List<String> KEYS =
      List.of(
          WAREHOUSE_DIR,
          ENGINE_JDBC_URL,
          ENGINE_JDBC_DRIVER,
          TABLE,
          JDBC_URL,
          JDBC_USER,
          JDBC_PASSWORD_FILE,
          JDBC_PASSWORD_ENV,
          JDBC_PASSWORD,
          DAYS,
          TOP_N);

  private final Configuration conf;
  private final org.apache.hadoop.fs.Path warehouseDir;
  private final String engineUrl;
  private final String engineDriver;
  private final String table;
  private final Database database;
  private final List<LocalDate> days;
  private final int topN;

  private AggregatesConfig(Configuration conf) {
    this.conf = conf;
    warehouseDir = new org.apache.hadoop.fs.Path(required(conf, WAREHOUSE_DIR));
    engineUrl = required(conf, ENGINE_JDBC_URL);
    if (!engineUrl.startsWith("jdbc:")) {
      throw invalid(ENGINE_JDBC_URL, engineUrl, "must be a jdbc: URL");
    }
    engineDriver = conf.getTrimmed(ENGINE_JDBC_DRIVER, DEFAULT_ENGINE_JDBC_DRIVER);
    table = conf.getTrimmed(TABLE, DEFAULT_TABLE);
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw invalid(TABLE, table, "must be an identifier or db.table");
    }
    String url = required(conf, JDBC_URL);
    if (!url.startsWith("jdbc:")) {
      throw invalid(JDBC_URL, Database.redact(url), "must be a jdbc: URL");
    }
    database = new Database(url, conf.getTrimmed(JDBC_USER, ""), password(conf));
    List<LocalDate> ds = new ArrayList<>();
    for (String d : conf.getTrimmedStrings(DAYS)) {
      if (!d.isEmpty()) {
        try {
          ds.add(LocalDate.parse(d));
        } catch (DateTimeParseException e) {
          throw invalid(DAYS, d, "must be yyyy-MM-dd");
        }
      }
    }
    days = Collections.unmodifiableList(ds);
    topN = conf.getInt(TOP_N, DEFAULT_TOP_N);
    if (topN < 1 || topN > 1000) {
      throw invalid(TOP_N, topN, "must be between 1 and 1000");
    }
  }

  public static AggregatesConfig from(Configuration conf) {
    return new AggregatesConfig(conf);
  }

  private static Supplier<String> password(Configuration conf) {
    String plain = conf.getTrimmed(JDBC_PASSWORD, "");
    String file = conf.getTrimmed(JDBC_PASSWORD_FILE, "");
    String env = conf.getTrimmed(JDBC_PASSWORD_ENV, "");
    int given = (plain.isEmpty() ? 0 : 1) + (file.isEmpty() ? 0 : 1) + (env.isEmpty() ? 0 : 1);
    if (given > 1) {
      throw new IllegalArgumentException(
          "set only one of "
              + JDBC_PASSWORD
              + ", "
              + JDBC_PASSWORD_FILE
              + ", "
              + JDBC_PASSWORD_ENV);
    }
    if (!file.isEmpty()) {
      Path p = Paths.get(file);
      if (!Files.isReadable(p)) {
        throw invalid(JDBC_PASSWORD_FILE, file, "is not a readable file");
      }
      return () -> readPassword(p);
    }
    if (!env.isEmpty()) {
      String value = System.getenv(env);
      if (value == null) {
        throw invalid(JDBC_PASSWORD_ENV, env, "environment variable is not set");
      }
      return () -> value;
    }
    return plain.isEmpty() ? () -> null : () -> plain;
  }

  private static String readPassword(Path file) {
    try {
      String p = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return p.replaceAll("[\r\n]+$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + file, e);
    }
  }

  private static String required(Configuration conf, String key) {
    String v = conf.getTrimmed(key, "");
    if (v.isEmpty()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }

  private static IllegalArgumentException invalid(String key, Object value, String why) {
    return new IllegalArgumentException(key + "=" + value + ": " + why);
  }

  public Configuration hadoop() {
    return conf;
  }

  public org.apache.hadoop.fs.Path warehouseDir() {
    return warehouseDir;
  }

  public String engineUrl() {
    return engineUrl;
  }

  public String engineDriver() {
    return engineDriver;
  }

  public String table() {
    return table;
  }

  public Database database() {
    return database;
  }

  /** Days to recompute; empty: the changed ones. */
  public List<LocalDate> days() {
    return days;
  }

  public int topN() {
    return topN;
  }
}
