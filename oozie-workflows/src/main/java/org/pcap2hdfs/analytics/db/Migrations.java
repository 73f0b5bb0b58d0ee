package org.pcap2hdfs.analytics.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analytics schema in PostgreSQL: applies, in order and once each, the resources {@code
 * V<N>__<name>.sql} listed one per line in {@code migrations.txt} next to this class, each in its
 * own transaction, recording applied versions in {@code schema_version}.
 */
public final class Migrations {
  private static final String LIST = "migrations.txt";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

  private Migrations() {}

  public static void apply(Connection c) {
    try {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                + " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        c.commit();
        for (String name : list()) {
          applyOne(c, name);
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
    }
  }

  private static void applyOne(Connection c, String name) throws SQLException {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalStateException(LIST + ": not a migration name: " + name);
    }
    int version = Integer.parseInt(m.group(1));
    try (Statement s = c.createStatement()) {
      // Serialises concurrent appliers; released at commit.
      s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
      try (PreparedStatement q =
          c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
        q.setInt(1, version);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            c.commit();
            return;
          }
        }
      }
      s.execute(resource(name));
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO schema_version (version, name) VALUES (?, ?)")) {
        ins.setInt(1, version);
        ins.setString(2, name);
        ins.executeUpdate();
      }
      c.commit();
    }
  }

  static List<String> list() {
    List<String> names = new ArrayList<>();
    for (String line : resource(LIST).split("\n")) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        names.add(t);
      }
    }
    return names;
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + Migrations.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }
}
