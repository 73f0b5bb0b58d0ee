package org.pcap2hdfs.analytics.aggregate;

import java.time.LocalDate;

/** The periods aggregates are kept for: their tables' prefix, key column and warehouse filter. */
public enum Grain {
  DAY("daily_", "day"),
  MONTH("monthly_", "month");

  private final String prefix;
  private final String keyColumn;

  Grain(String prefix, String keyColumn) {
    this.prefix = prefix;
    this.keyColumn = keyColumn;
  }

  /** The database table of this grain for a target, e.g. {@code daily_totals}. */
  public String table(AggregateTable target) {
    return prefix + target.suffix();
  }

  /** The period column of this grain's tables: {@code day}, or {@code month} (its first day). */
  public String keyColumn() {
    return keyColumn;
  }

  /** The first day of the period holding {@code day}. */
  public LocalDate start(LocalDate day) {
    return this == DAY ? day : day.withDayOfMonth(1);
  }

  /** The warehouse's partition filter of the period starting on {@code start}. */
  public String partitionFilter(LocalDate start) {
    String f = "year = " + start.getYear() + " AND month = " + start.getMonthValue();
    return this == DAY ? f + " AND day = " + start.getDayOfMonth() : f;
  }
}
