package org.pcap2hdfs.compaction.testing;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/**
 * The rows of a warehouse partition read back with parquet-mr, whole (every event field), keyed by
 * event_id, in the form of {@link Row#toMap()} so that a test compares them with what it staged.
 */
public final class WarehouseRows {
  private static final RowSchema SCHEMA = RowSchema.get();

  private WarehouseRows() {}

  /** Every row of the Parquet files in {@code dir}; a repeated event_id fails. */
  public static Map<String, Map<String, Object>> read(FileSystem fs, Path dir) throws IOException {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (FileStatus f : fs.listStatus(dir)) {
      if (!f.getPath().getName().endsWith(".parquet")) {
        continue;
      }
      try (ParquetReader<Group> r =
          ParquetReader.builder(new GroupReadSupport(), f.getPath())
              .withConf(fs.getConf())
              .build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          Map<String, Object> row = toMap(g);
          if (out.put((String) row.get(SCHEMA.name(Fields.EVENT_ID)), row) != null) {
            throw new IllegalStateException("event_id twice: " + row);
          }
        }
      }
    }
    return out;
  }

  /** Rows [from, to) of a generator, keyed by event_id. */
  public static Map<String, Map<String, Object>> expected(SyntheticRows g, long from, long to) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    Row row = new Row();
    for (long i = from; i < to; i++) {
      g.fill(row, i);
      out.put(row.getString(Fields.EVENT_ID), row.toMap());
    }
    return out;
  }

  private static Map<String, Object> toMap(Group g) {
    GroupType type = g.getType();
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < SCHEMA.size(); i++) {
      int c = type.getFieldIndex(SCHEMA.name(i));
      Object v;
      if (g.getFieldRepetitionCount(c) == 0) {
        v = null;
      } else {
        switch (SCHEMA.kind(i)) {
          case RowSchema.INT:
            v = g.getInteger(c, 0);
            break;
          case RowSchema.LONG:
            v = g.getLong(c, 0);
            break;
          case RowSchema.BOOLEAN:
            v = g.getBoolean(c, 0);
            break;
          case RowSchema.DOUBLE:
            v = g.getDouble(c, 0);
            break;
          default:
            v = g.getBinary(c, 0).toStringUsingUTF8();
        }
      }
      m.put(SCHEMA.name(i), v);
    }
    return m;
  }
}
