package org.pcap2hdfs.analytics.anomaly;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A predicate on the warehouse's partition columns ({@code year}, {@code month}, {@code day}, UTC)
 * covering a time range, so that Impala (and DuckDB's hive partitioning) read only those days.
 */
public final class PartitionRange {
  private PartitionRange() {}

  /** For {@code [fromMs, toMs)}: {@code year * 10000 + month * 100 + day BETWEEN a AND b}. */
  public static String sql(long fromMs, long toMs) {
    return "year * 10000 + month * 100 + day BETWEEN "
        + dayNumber(fromMs)
        + " AND "
        + dayNumber(Math.max(fromMs, toMs - 1));
  }

  private static int dayNumber(long epochMs) {
    LocalDate d = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
  }
}
