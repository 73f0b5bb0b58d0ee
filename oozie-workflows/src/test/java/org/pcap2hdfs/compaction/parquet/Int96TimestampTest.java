package org.pcap2hdfs.compaction.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * query_ts as INT96 holds the same instants as INT64 TIMESTAMP_MICROS, to the microsecond, for
 * parquet-mr (raw 12 bytes, decoded here) and DuckDB (reads INT96 as TIMESTAMP), including instants
 * before 1970 and on either side of midnight.
 */
class Int96TimestampTest {
  private static final int ROWS = 20_000;
  private static final long DAY_US = 86_400_000_000L;

  /** Edge instants (epoch µs) given to the first rows; the rest keep their synthetic time_us. */
  private static final long[] EDGES = {
    0,
    -1,
    1,
    DAY_US - 1,
    DAY_US,
    -DAY_US,
    -DAY_US - 1,
    -2_208_988_800_000_000L /* 1900-01-01 */,
    1_709_596_799_999_999L,
    4_102_444_800_000_001L /* 2100-01-01 +1 µs */
  };

  @TempDir Path tmp;

  @Test
  void int96AndInt64MicrosHoldTheSameInstants() throws Exception {
    SyntheticRows g = new SyntheticRows(7, 1_709_596_800_000_000L, 1_234_567, "ns1");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Row r = new Row();
      g.fill(r, i);
      if (i < EDGES.length) {
        r.setLong(Fields.TIME_US, EDGES[i]);
      }
      rows.add(r);
    }
    Configuration conf = new Configuration();
    List<WrittenFile> int96 = write(conf, rows, TimestampUnit.INT96);
    write(conf, rows, TimestampUnit.MICROS);

    // parquet-mr: the physical type, and the 12 bytes of every row decoded.
    int i = 0;
    for (WrittenFile f : int96) {
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f.path(), conf))) {
        assertThat(
                r.getFooter()
                    .getFileMetaData()
                    .getSchema()
                    .getType(0)
                    .asPrimitiveType()
                    .getPrimitiveTypeName())
            .isEqualTo(PrimitiveTypeName.INT96);
        // Impala's convert_legacy_hive_parquet_utc_timestamps applies to INT96 of parquet-mr
        // files: ours are (see the README's Timestamps section).
        assertThat(r.getFooter().getFileMetaData().getCreatedBy()).startsWith("parquet-mr");
      }
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), f.path()).withConf(conf).build()) {
        for (Group gr; (gr = reader.read()) != null; i++) {
          Row expected = rows.get(i);
          assertThat(gr.getString(Fields.EVENT_ID + 1, 0))
              .isEqualTo(expected.getString(Fields.EVENT_ID));
          assertThat(decodeInt96(gr.getInt96(0, 0).getBytes()))
              .as("row %d", i)
              .isEqualTo(expected.getLong(Fields.TIME_US));
        }
      }
    }
    assertThat(i).isEqualTo(ROWS);

    // DuckDB: every row's instant from the INT96 files equals time_us and the INT64 files' value.
    try (Duck duck = new Duck()) {
      List<List<String>> read =
          duck.rows(
              "SELECT i.event_id, epoch_us(i.query_ts), epoch_us(m.query_ts), typeof(i.query_ts)"
                  + " FROM read_parquet('"
                  + tmp.resolve("INT96")
                  + "/*.parquet') i FULL JOIN read_parquet('"
                  + tmp.resolve("MICROS")
                  + "/*.parquet') m USING (event_id) ORDER BY i.event_id");
      List<List<String>> expected = new ArrayList<>();
      for (Row r : rows) {
        String us = Long.toString(r.getLong(Fields.TIME_US));
        expected.add(List.of(r.getString(Fields.EVENT_ID), us, us, "TIMESTAMP"));
      }
      expected.sort((a, b) -> a.get(0).compareTo(b.get(0)));
      assertThat(read).isEqualTo(expected);
    }
  }

  /** Epoch microseconds of an INT96 value: nanos of the day (LE long), Julian day (LE int). */
  static long decodeInt96(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bb.getLong();
    int julianDay = bb.getInt();
    assertThat(nanosOfDay).isBetween(0L, DAY_US * 1000 - 1);
    assertThat(nanosOfDay % 1000).isZero();
    return (julianDay - 2_440_588L) * DAY_US + nanosOfDay / 1000;
  }

  private List<WrittenFile> write(Configuration conf, List<Row> rows, TimestampUnit unit)
      throws Exception {
    ParquetOptions options =
        new ParquetOptions(
            1 << 20, org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY, unit);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.resolve(unit.name()).toUri());
    try (RollingParquetWriter w =
        new RollingParquetWriter(
            FileSystem.getLocal(conf),
            dir,
            "part-t",
            options,
            new RollingParquetWriter.SizeModel(),
            Map.of(),
            f -> {})) {
      ByteSink datum = new ByteSink(1024);
      for (Row r : rows) {
        datum.reset();
        AvroRowCodec.encode(r, datum);
        w.write(datum.bytes(), 0, datum.length());
      }
      return w.finish();
    }
  }
}
