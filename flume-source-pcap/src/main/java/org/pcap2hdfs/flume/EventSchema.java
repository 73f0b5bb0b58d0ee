package org.pcap2hdfs.flume;

import org.pcap2hdfs.row.RowSchema;

/**
 * How the events of one row kind name their schema: the schema header ({@code
 * flume.avro.schema.url} or {@code .literal}) and its value, and the {@value #ROW_KIND_HEADER}
 * header that routes them (absent on DNS events, which a multiplexing selector's default takes).
 */
final class EventSchema {
  /** Event header naming the row kind of a non-DNS event, e.g. {@code rowkind=icmp}. */
  static final String ROW_KIND_HEADER = RowSchema.KIND_HEADER;

  final RowSchema rows;
  final String header;
  final String value;

  /** The {@value #ROW_KIND_HEADER} value, or null for DNS events. */
  final String rowKind;

  /** Position of the row's {@code time} field (the event timestamp). */
  final int timeField;

  EventSchema(RowSchema rows, String header, String value) {
    this.rows = rows;
    this.header = header;
    this.value = value;
    this.rowKind = rows == RowSchema.get() ? null : rows.kindName();
    this.timeField = rows.indexOf("time");
  }
}
