package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;

/**
 * Resolution and physical type of the query_ts column; Impala 3.2+ and Hive 3+ read all three as
 * TIMESTAMP (UTC instants, no time-zone conversion).
 */
public enum TimestampUnit {
  /** INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true) from time_us. */
  MICROS(LogicalTypeAnnotation.TimeUnit.MICROS, "time_us"),
  /** INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true) from time. */
  MILLIS(LogicalTypeAnnotation.TimeUnit.MILLIS, "time"),
  /**
   * Legacy INT96 (8 bytes nanos of the day, then 4 bytes Julian day, little-endian, UTC) from
   * time_us, for readers that know no INT64 timestamps (Impala before 3.2, old Hive and Spark).
   */
  INT96(null, "time_us");

  /** The INT64 logical type's unit; null for INT96. */
  final LogicalTypeAnnotation.TimeUnit parquet;

  /** The event field the column is derived from. */
  public final String source;

  TimestampUnit(LogicalTypeAnnotation.TimeUnit parquet, String source) {
    this.parquet = parquet;
    this.source = source;
  }
}
