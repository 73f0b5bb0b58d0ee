package org.pcap2hdfs.analytics.aggregate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.analytics.aggregate.AggregateTable.Column;
import org.pcap2hdfs.analytics.aggregate.WarehouseDays.DayFiles;

/**
 * Replaces periods' rows in the aggregates database: for each period and table, delete its rows and
 * insert the new ones; the days' fingerprints are recorded in {@code aggregated_days}. All in one
 * transaction: a failure rolls back and the previous rows stay.
 */
public final class AggregateWriter {
  private static final int BATCH = 1000;

  private final Connection db;

  public AggregateWriter(Connection db) {
    this.db = db;
  }

  /** Writes {@code periods} and records {@code days} as computed from the given files. */
  public void replace(List<PeriodAggregates> periods, Map<?, DayFiles> days)
      throws AggregateException {
    try {
      db.setAutoCommit(false);
      try {
        for (PeriodAggregates p : periods) {
          for (AggregateTable t : AggregateTable.values()) {
            replace(p, t);
          }
        }
        for (DayFiles d : days.values()) {
          record(d);
        }
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AggregateException(
          "writing aggregates failed (nothing changed): " + e.getMessage(), e);
    }
  }

  private void replace(PeriodAggregates p, AggregateTable t) throws SQLException {
    String table = p.grain().table(t);
    String key = p.grain().keyColumn();
    try (PreparedStatement del =
        db.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
      del.setObject(1, p.start());
      del.executeUpdate();
    }
    List<Column> columns = t.columns();
    StringBuilder names = new StringBuilder(key);
    StringBuilder marks = new StringBuilder("?");
    for (Column c : columns) {
      names.append(", ").append(c.name);
      marks.append(", ?");
    }
    try (PreparedStatement ins =
        db.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
      int n = 0;
      for (Object[] row : p.rows(t)) {
        ins.setObject(1, p.start());
        for (int i = 0; i < row.length; i++) {
          set(ins, i + 2, columns.get(i).type, row[i]);
        }
        ins.addBatch();
        if (++n % BATCH == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
  }

  private static void set(PreparedStatement st, int i, char type, Object v) throws SQLException {
    if (v != null) {
      st.setObject(i, v);
      return;
    }
    st.setNull(
        i,
        type == 'S'
            ? Types.VARCHAR
            : type == 'L' ? Types.BIGINT : type == 'I' ? Types.INTEGER : Types.DOUBLE);
  }

  private void record(DayFiles d) throws SQLException {
    try (PreparedStatement del = db.prepareStatement("DELETE FROM aggregated_days WHERE day = ?")) {
      del.setObject(1, d.day());
      del.executeUpdate();
    }
    try (PreparedStatement ins =
        db.prepareStatement(
            "INSERT INTO aggregated_days (day, fingerprint, files, computed_at)"
                + " VALUES (?, ?, ?, ?)")) {
      ins.setObject(1, d.day());
      ins.setString(2, d.fingerprint());
      ins.setInt(3, d.files());
      ins.setTimestamp(4, Timestamp.from(Instant.now()));
      ins.executeUpdate();
    }
  }
}
