package org.pcap2hdfs.testing;

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
 * is installed but down, with a test role and database of the calling module's own ({@code
 * p2h_<module>_test}, from the directory surefire runs the module's tests in), so that modules'
 * tests never share state. Administration goes through {@code psql} as the {@code postgres} user;
 * the code under test connects over TCP with a password. Without PostgreSQL the tests are skipped
 * on a developer machine and fail when {@code CI=true}.
 */
public final class LocalPostgres {
  public static final String ROLE = moduleName();
  public static final String DATABASE = ROLE;
  public static final String PASSWORD = "p2h-test-secret";
  private static final String VERSION = "15";
  private static final String CLUSTER = "main";

  private static LocalPostgres instance;
  private final int port;

  private LocalPostgres(int port) {
    this.port = port;
  }

  /** The running server with a fresh test database; skips or fails the test when impossible. */
  public static synchronized LocalPostgres get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static LocalPostgres start() {
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
    LocalPostgres pg = new LocalPostgres(port);
    pg.admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    pg.admin("DROP ROLE IF EXISTS " + ROLE);
    pg.admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    pg.admin("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
    return pg;
  }

  private static String moduleName() {
    Path dir = Paths.get("").toAbsolutePath().getFileName();
    String module = dir == null ? "tests" : dir.toString();
    return "p2h_"
        + module.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_")
        + "_test";
  }

  private static void unavailable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      fail(why + " (CI=true: PostgreSQL is required)");
    }
    assumeTrue(false, why + ": skipping (set CI=true to fail instead)");
  }

  /** Drops and creates the test database again (an empty schema for each test). */
  public void recreate() {
    admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    admin("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
  }

  /** A connection as the test role to a just recreated, empty test database. */
  public Connection freshConnection() throws SQLException {
    recreate();
    return DriverManager.getConnection(jdbcUrl(), ROLE, PASSWORD);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?connectTimeout=5";
  }

  /** Runs SQL as the superuser in the maintenance database. */
  public void admin(String sql) {
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

  /** The test role can no longer connect (an outage as the interceptor sees it). */
  public void denyLogin() {
    admin("ALTER ROLE " + ROLE + " NOLOGIN");
  }

  public void allowLogin() {
    admin("ALTER ROLE " + ROLE + " LOGIN");
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
