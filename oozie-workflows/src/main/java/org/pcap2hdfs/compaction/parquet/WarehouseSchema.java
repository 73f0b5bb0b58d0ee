package org.pcap2hdfs.compaction.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.pcap2hdfs.row.RowSchema;

/**
 * The Parquet schema of the warehouse files, derived from the row schema ({@code .avsc}): {@code
 * query_ts} first, then every event field in schema order with Impala-readable physical types
 * (INT32, INT64, BOOLEAN, DOUBLE, BINARY/UTF8); nullable fields OPTIONAL, the rest REQUIRED.
 *
 * <p>{@code query_ts} comes first because Impala resolves Parquet columns by position by default:
 * the event schema only ever grows at its end, so files written before and after a schema change
 * keep every existing column at the same position.
 */
public final class WarehouseSchema {
  /** The derived timestamp column. */
  public static final String QUERY_TS = "query_ts";

  /** Name of the Parquet message of DNS rows (the Impala table name is configured separately). */
  public static final String MESSAGE = "dns_query";

  private WarehouseSchema() {}

  /** The Parquet schema of DNS query rows. */
  public static MessageType parquet(TimestampUnit unit) {
    return parquet(RowSchema.get(), unit);
  }

  /**
   * The Parquet schema of rows of {@code s}, its message named after the {@code .avsc} ({@code
   * dns_query}, {@code icmp_message}).
   */
  public static MessageType parquet(RowSchema s, TimestampUnit unit) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    if (unit == TimestampUnit.INT96) {
      b.required(PrimitiveTypeName.INT96).named(QUERY_TS);
    } else {
      b.required(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, unit.parquet))
          .named(QUERY_TS);
    }
    for (int i = 0; i < s.size(); i++) {
      Type.Repetition rep = s.nullable(i) ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      switch (s.kind(i)) {
        case RowSchema.INT:
          b.primitive(PrimitiveTypeName.INT32, rep).named(s.name(i));
          break;
        case RowSchema.LONG:
          b.primitive(PrimitiveTypeName.INT64, rep).named(s.name(i));
          break;
        case RowSchema.BOOLEAN:
          b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(s.name(i));
          break;
        case RowSchema.DOUBLE:
          b.primitive(PrimitiveTypeName.DOUBLE, rep).named(s.name(i));
          break;
        default:
          b.primitive(PrimitiveTypeName.BINARY, rep)
              .as(LogicalTypeAnnotation.stringType())
              .named(s.name(i));
      }
    }
    return b.named(message(s));
  }

  /** The message name: the {@code .avsc} file name without its extension. */
  public static String message(RowSchema s) {
    String f = s.fileName();
    return f.substring(0, f.length() - ".avsc".length());
  }
}
