package org.pcap2hdfs.analytics.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL (Debian's {@code postgresql} package, cluster 15/main), started when it
 * is installed but down, with a test role and database of our own. Administration goes through
 * {@code psql} as the {@code postgres} user; the code under test connects over TCP with a password.
 * (Copied from flume-interceptors' LocalPostgres, with a role and database of its own so that both
 * modules' tests can run at once.) Without PostgreSQL the tests are skipped on a developer machine
 * and fail when {@code CI=true}.
 */
public final class AnalyticsPostgres {
  public static final String ROLE = "p2h_analytics_test";
  public static final String DATABASE = "p2h_analytics_test";
  public static final String PASSWORD = "p2h-test-secret";
  private static final String VERSION = "15";
  private static final String CLUSTER = "main";

  private static AnalyticsPostgres instance;
  private final int port;

  private AnalyticsPostgres(int port) {
    this.port = port;
  }

  /** The running server with a fresh test database; skips or fails the test when impossible. */
  public static synchronized AnalyticsPostgres get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static AnalyticsPostgres start() {
    if (!Files.isExecutable(Paths.get("/usr/bin/pg_ctlcluster"))
        || !Files.isDirectory(Paths.get("/etc/postgresql", VERSION, CLUSTER))) {
      unavailable("PostgreSQL " + VERSION + " (Debian package postgresql) is not installed");
    }
    String status = run(false, "pg_lsclusters", "--no-header", VERSION, CLUSTER);
    if (!status.contains("online")) {
      run(true, "pg_ctlcluster", VERSION, CLUSTER, "start");
      status = run(true, "pg_lsclusters", "--no-header", VERSION, CLUSTER);
      if (!status.contains("online")) {
        unavailable("PostgreSQL cluster " + VERSION + "/" + CLUSTER + " did not start: " + status);
      }
    }
    int port = Integer.parseInt(status.trim().split("\\s+")[2]);
    AnalyticsPostgres pg = new AnalyticsPostgres(port);
    pg.admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    pg.admin("DROP ROLE IF EXISTS " + ROLE);
    pg.admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    pg.admin("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
    return pg;
  }

  private static void unavailable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      fail(why + " (CI=true: PostgreSQL is required)");
    }
    assumeTrue(false, why + ": skipping (set CI=true to fail instead)");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?connectTimeout=5";
  }

  /** Runs SQL as the superuser in the maintenance database. */
  void admin(String sql) {
    run(
        true,
        "runuser",
        "-u",
        "postgres",
        "--",
        "psql",
        "-p",
        "" + port,
        "-v",
        "ON_ERROR_STOP=1",
        "-qAtc",
        sql);
  }

  /** Runs SQL as the superuser in the test database. */
  public void sql(String sql) {
    run(
        true,
        "runuser",
        "-u",
        "postgres",
        "--",
        "psql",
        "-p",
        "" + port,
        "-d",
        DATABASE,
        "-v",
        "ON_ERROR_STOP=1",
        "-qAtc",
        sql);
  }

  /**
   * A connection as the test role to a fresh schema-less database state: the analytics tables and
   * {@code schema_version} dropped, so each test class starts from an empty database.
   */
  public Connection freshConnection() throws SQLException {
    sql("DROP TABLE IF EXISTS anomalies, domain_clusters, domain_cluster_profiles, schema_version");
    return connect();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), ROLE, PASSWORD);
  }

  private static String run(boolean check, String... command) {
    List<String> cmd = new ArrayList<>(Arrays.asList(command));
    try {
      Path out = Files.createTempFile("psql", ".out");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .directory(Paths.get("/tmp").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + cmd);
        }
        String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        if (check && p.exitValue() != 0) {
          throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
