package org.pcap2hdfs.compaction.parquet;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.Text;

/**
 * Writes {@link Row}s to Parquet field by field through the record consumer: no GenericRecord, no
 * boxing; strings go out as views of the row's reusable bytes (Parquet copies what it keeps).
 */
final class RowWriteSupport extends WriteSupport<Row> {
  private static final RowSchema SCHEMA = RowSchema.get();

  private final MessageType schema;
  private final boolean micros;
  private final Map<String, String> metadata;
  private final byte[] kinds;
  private final String[] names;
  private RecordConsumer out;

  RowWriteSupport(TimestampUnit unit, Map<String, String> metadata) {
    this.schema = WarehouseSchema.parquet(unit);
    this.micros = unit == TimestampUnit.MICROS;
    this.metadata = metadata;
    int n = SCHEMA.size();
    kinds = new byte[n];
    names = new String[n];
    for (int i = 0; i < n; i++) {
      kinds[i] = SCHEMA.kind(i);
      names[i] = SCHEMA.name(i);
    }
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public String getName() {
    return "pcap2hdfs";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(Row row) {
    RecordConsumer c = out;
    c.startMessage();
    c.startField(WarehouseSchema.QUERY_TS, 0);
    c.addLong(micros ? row.getLong(Fields.TIME_US) : row.getLong(Fields.TIME));
    c.endField(WarehouseSchema.QUERY_TS, 0);
    for (int i = 0; i < kinds.length; i++) {
      if (row.isNull(i)) {
        continue;
      }
      int pos = i + 1;
      c.startField(names[i], pos);
      switch (kinds[i]) {
        case RowSchema.INT:
          c.addInteger(row.getInt(i));
          break;
        case RowSchema.LONG:
          c.addLong(row.getLong(i));
          break;
        case RowSchema.BOOLEAN:
          c.addBoolean(row.getBoolean(i));
          break;
        case RowSchema.DOUBLE:
          c.addDouble(row.getDouble(i));
          break;
        default:
          Text t = row.getText(i);
          c.addBinary(Binary.fromReusedByteArray(t.bytes(), 0, t.length()));
      }
      c.endField(names[i], pos);
    }
    c.endMessage();
  }
}
