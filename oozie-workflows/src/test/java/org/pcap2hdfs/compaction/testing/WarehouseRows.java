package org.pcap2hdfs.compaction.testing;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/**
 * Warehouse rows as whole rows keyed by {@code event_id} (column name to value): read from the
 * Parquet files with DuckDB (or their event columns with parquet-mr), or made from staged rows the
 * way compaction must make them (every event column as staged, {@code query_ts} = time_us, the
 * partition columns year/month/day of time_us in UTC and the server of the staging path). Compare
 * the two with {@code org.pcap2hdfs.testing.RowDiff}.
 */
public final class WarehouseRows {
  private WarehouseRows() {}

  /**
   * Every row of {@code table} (a DuckDB table expression over the warehouse with hive
   * partitioning), {@code query_ts} as epoch microseconds, without the columns {@code exclude}
   * (e.g. DuckDB's filename). An event_id twice fails.
   */
  public static SortedMap<String, Map<String, Object>> read(
      Duck duck, String table, String... exclude) throws SQLException {
    StringBuilder except = new StringBuilder("query_ts");
    for (String e : exclude) {
      except.append(", ").append(e);
    }
    SortedMap<String, Map<String, Object>> rows = new TreeMap<>();
    List<String> doubled = new ArrayList<>();
    try (Statement s = duck.connection().createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT epoch_us(query_ts) AS query_ts, * EXCLUDE ("
                    + except
                    + ") FROM "
                    + table)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        if (rows.put(rs.getString("event_id"), row) != null) {
          doubled.add(rs.getString("event_id"));
        }
      }
    }
    if (!doubled.isEmpty()) {
      throw new AssertionError(
          doubled.size()
              + " event_ids more than once in the warehouse, first "
              + doubled.subList(0, Math.min(3, doubled.size())));
    }
    return rows;
  }

  /** Adds rows [from, to) of a generator staged under {@code server} as warehouse rows. */
  public static void add(
      SortedMap<String, Map<String, Object>> out,
      String server,
      SyntheticRows gen,
      long from,
      long to)
      throws IOException {
    Row row = new Row();
    ByteSink sink = new ByteSink(4096);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(RowSchema.get().avro());
    for (long i = from; i < to; i++) {
      gen.fill(row, i);
      sink.reset();
      AvroRowCodec.encode(row, sink);
      GenericRecord r =
          reader.read(
              null, DecoderFactory.get().binaryDecoder(sink.bytes(), 0, sink.length(), null));
      out.put(r.get("event_id").toString(), of(r, server));
    }
  }

  /** A staged record as the warehouse row compaction must make of it. */
  public static Map<String, Object> of(GenericRecord r, String server) {
    Map<String, Object> m = new TreeMap<>();
    for (Schema.Field f : r.getSchema().getFields()) {
      m.put(f.name(), r.get(f.pos()));
    }
    long timeUs = (Long) r.get("time_us");
    LocalDate day =
        Instant.ofEpochSecond(Math.floorDiv(timeUs, 1_000_000L))
            .atZone(ZoneOffset.UTC)
            .toLocalDate();
    m.put("query_ts", timeUs);
    m.put("year", day.getYear());
    m.put("month", day.getMonthValue());
    m.put("day", day.getDayOfMonth());
    m.put("server", server);
    return m;
  }

  /**
   * Every row of the Parquet files in {@code dir}, read with parquet-mr, the event columns only in
   * the form of {@link Row#toMap()}; a repeated event_id fails.
   */
  public static Map<String, Map<String, Object>> readEventColumns(FileSystem fs, Path dir)
      throws IOException {
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
          if (out.put((String) row.get(RowSchema.get().name(Fields.EVENT_ID)), row) != null) {
            throw new IllegalStateException("event_id twice: " + row);
          }
        }
      }
    }
    return out;
  }

  /** Rows [from, to) of a generator as {@link #readEventColumns} gives them, keyed by event_id. */
  public static Map<String, Map<String, Object>> eventColumns(SyntheticRows g, long from, long to) {
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
    for (int i = 0; i < RowSchema.get().size(); i++) {
      int c = type.getFieldIndex(RowSchema.get().name(i));
      Object v;
      if (g.getFieldRepetitionCount(c) == 0) {
        v = null;
      } else {
        switch (RowSchema.get().kind(i)) {
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
      m.put(RowSchema.get().name(i), v);
    }
    return m;
  }
}
