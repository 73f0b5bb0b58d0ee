package org.pcap2hdfs.analytics.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics database's schema: applies, in order and once each, the scripts {@code
 * V<N>__<name>.sql} listed one per line in {@code migrations.txt} (this package's resources),
 * recording each applied version in {@code schema_version}. Each script runs in its own transaction
 * with its record, so a failed script leaves nothing half applied. Scripts hold plain DDL that
 * PostgreSQL and H2 both accept, statements ended by {@code ;} at a line's end.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String DIR = "org/pcap2hdfs/analytics/db/";
  private static final Pattern FILE = Pattern.compile("V([0-9]+)__([A-Za-z0-9_]+)\\.sql");

  private Migrations() {}

  /** One listed script. */
  static final class Script {
    final int version;
    final String name;
    final String resource;

    Script(int version, String name, String resource) {
      this.version = version;
      this.name = name;
      this.resource = resource;
    }
  }

  /** Applies every listed script not yet recorded in {@code schema_version}. */
  public static void apply(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY,"
                + " name VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
      }
      Set<Integer> applied = applied(c);
      c.setAutoCommit(false);
      for (Script script : listed()) {
        if (!applied.contains(script.version)) {
          run(c, script);
        }
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The scripts of {@code migrations.txt}, checked: versions strictly increasing. */
  static List<Script> listed() {
    List<Script> out = new ArrayList<>();
    int last = 0;
    for (String line : resource(DIR + "migrations.txt").split("\n")) {
      String file = line.trim();
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      Matcher m = FILE.matcher(file);
      if (!m.matches()) {
        throw new IllegalStateException("migrations.txt: '" + file + "' is not V<N>__<name>.sql");
      }
      int version = Integer.parseInt(m.group(1));
      if (version <= last) {
        throw new IllegalStateException(
            "migrations.txt: " + file + " must come after version " + last);
      }
      last = version;
      out.add(new Script(version, m.group(2), DIR + file));
    }
    return out;
  }

  /** The statements of a script: split at {@code ;} ending a line, comment lines dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        String st = current.toString().trim();
        out.add(st.substring(0, st.length() - 1));
        current.setLength(0);
      }
    }
    if (current.toString().trim().length() > 0) {
      throw new IllegalStateException("statement without a final ';': " + current);
    }
    return out;
  }

  private static Set<Integer> applied(Connection c) throws SQLException {
    Set<Integer> out = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  private static void run(Connection c, Script script) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String st : statements(resource(script.resource))) {
        s.execute(st);
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
        p.setInt(1, script.version);
        p.setString(2, script.name);
        p.setTimestamp(3, Timestamp.from(Instant.now()));
        p.executeUpdate();
      }
      c.commit();
      LOG.info("applied migration V{}__{}", script.version, script.name);
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException(
          "migration V" + script.version + "__" + script.name + " failed: " + e.getMessage(),
          e.getSQLState(),
          e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name, e);
    }
  }
}
