package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;

/** Resolution of the query_ts column; Impala 3.2+ reads both as TIMESTAMP. */
public enum TimestampUnit {
  /** TIMESTAMP_MICROS from time_us. */
  MICROS(LogicalTypeAnnotation.TimeUnit.MICROS),
  /** TIMESTAMP_MILLIS from time. */
  MILLIS(LogicalTypeAnnotation.TimeUnit.MILLIS);

  final LogicalTypeAnnotation.TimeUnit parquet;

  TimestampUnit(LogicalTypeAnnotation.TimeUnit parquet) {
    this.parquet = parquet;
  }
}
