package org.pcap2hdfs.analytics.anomaly;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per interval of one series family, read with one SQL statement (DuckDB and Impala) from
 * the warehouse table: every key, or the top N by total and the top N by peak interval (so that a
 * short flood from a quiet source is watched too). Intervals without rows count 0.
 */
final class SeriesReader {
  private final Connection warehouse;
  private final SpikeConfig config;

  SeriesReader(Connection warehouse, SpikeConfig config) {
    this.warehouse = warehouse;
    this.config = config;
  }

  /** Counts by series name, index 0 being the interval starting at {@code fromMs}. */
  Map<String, double[]> read(SeriesFamily family, long fromMs, long toMs) throws SQLException {
    long ms = config.interval.toMillis();
    long firstSlot = Math.floorDiv(fromMs, ms);
    int slots = (int) (Math.floorDiv(toMs - 1, ms) - firstSlot + 1);
    Map<String, double[]> out = new TreeMap<>();
    try (Statement s = warehouse.createStatement();
        ResultSet rs = s.executeQuery(sql(family, fromMs, toMs))) {
      while (rs.next()) {
        long slot = rs.getLong(1);
        String key = rs.getString(2);
        int i = (int) (slot - firstSlot);
        if (key != null && i >= 0 && i < slots) {
          out.computeIfAbsent(family.series(key), k -> new double[slots])[i] = rs.getLong(3);
        }
      }
    }
    return out;
  }

  /** Time of the earliest row in {@code [fromMs, toMs)}, or null when there is none. */
  Long firstTime(long fromMs, long toMs) throws SQLException {
    try (Statement s = warehouse.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT min(time) FROM "
                    + config.table
                    + " WHERE time >= "
                    + fromMs
                    + " AND time < "
                    + toMs
                    + " AND "
                    + PartitionRange.sql(fromMs, toMs))) {
      rs.next();
      long t = rs.getLong(1);
      return rs.wasNull() ? null : t;
    }
  }

  String sql(SeriesFamily family, long fromMs, long toMs) {
    long ms = config.interval.toMillis();
    String buckets =
        "SELECT CAST(floor(time / "
            + ms
            + ") AS BIGINT) AS slot, "
            + family.keySql
            + " AS k, count(*) AS n FROM "
            + config.table
            + " WHERE time >= "
            + fromMs
            + " AND time < "
            + toMs
            + " AND "
            + PartitionRange.sql(fromMs, toMs)
            + " AND "
            + family.filterSql
            + " GROUP BY 1, 2";
    int top = family.top(config);
    if (top == 0) {
      return buckets;
    }
    return "WITH b AS ("
        + buckets
        + "), ranked AS (SELECT k, row_number() OVER (ORDER BY total DESC, k) AS by_total,"
        + " row_number() OVER (ORDER BY peak DESC, k) AS by_peak"
        + " FROM (SELECT k, sum(n) AS total, max(n) AS peak FROM b GROUP BY k) t)"
        + " SELECT b.slot, b.k, b.n FROM b JOIN ranked r ON b.k = r.k"
        + " WHERE r.by_total <= "
        + top
        + " OR r.by_peak <= "
        + top;
  }
}
