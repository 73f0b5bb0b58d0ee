package org.pcap2hdfs.compaction.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An in-memory embedded DuckDB for reading the warehouse in tests. */
public final class Duck implements AutoCloseable {
  private final Connection c;

  public Duck() throws SQLException {
    c = DriverManager.getConnection("jdbc:duckdb:");
  }

  public Connection connection() {
    return c;
  }

  public void execute(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every row of a query, each as a list of column values rendered with toString (null kept). */
  public List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object o = rs.getObject(i);
          row.add(o == null ? null : o.toString());
        }
        out.add(row);
      }
    }
    return out;
  }

  public long scalar(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
