package org.pcap2hdfs.analytics.anomaly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the flagged points of one detection run into PostgreSQL's {@code anomalies}: in one
 * transaction, the rows of the run's interval length and time range are replaced, so running the
 * detector again over the same range leaves the same rows.
 */
public final class AnomalyStore {
  private final Connection pg;

  public AnomalyStore(Connection pg) {
    this.pg = pg;
  }

  /** Returns how many rows were written. */
  public int replace(int intervalSeconds, long fromMs, long toMs, List<ScoredPoint> points)
      throws SQLException {
    boolean autoCommit = pg.getAutoCommit();
    pg.setAutoCommit(false);
    int written = 0;
    try (PreparedStatement del =
            pg.prepareStatement(
                "DELETE FROM anomalies WHERE \"interval\" = ? AND ts >= ? AND ts < ?");
        PreparedStatement ins =
            pg.prepareStatement(
                "INSERT INTO anomalies (series, \"interval\", ts, value, baseline, score, class)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      del.setInt(1, intervalSeconds);
      del.setObject(2, utc(fromMs));
      del.setObject(3, utc(toMs));
      del.executeUpdate();
      for (ScoredPoint p : points) {
        if (!p.flagged() || p.intervalSeconds != intervalSeconds) {
          continue;
        }
        long tsMs = p.ts * 1000;
        if (tsMs < fromMs || tsMs >= toMs) {
          continue;
        }
        ins.setString(1, p.series);
        ins.setInt(2, intervalSeconds);
        ins.setObject(3, utc(tsMs));
        ins.setDouble(4, p.value);
        ins.setDouble(5, p.baseline);
        ins.setDouble(6, p.score);
        ins.setString(7, p.cls);
        ins.addBatch();
        if (++written % 1000 == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
      pg.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      pg.setAutoCommit(autoCommit);
    }
  }

  static OffsetDateTime utc(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }
}
