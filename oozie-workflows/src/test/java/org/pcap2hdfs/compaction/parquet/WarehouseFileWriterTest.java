package org.pcap2hdfs.compaction.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/**
 * The column encoders against parquet-mr's reader: every value of every row read back, the chunk
 * statistics equal to what parquet-mr's own {@link Statistics} make of the same values, and each
 * page's column-index entry equal to the statistics of that page's rows. The rows include the hard
 * cases: a dictionary that overflows its budget mid-chunk, one that does not pay on its first page,
 * columns null for the first pages or entirely, a single distinct value, extreme ints and longs,
 * -0.0 and NaN, empty and non-ASCII strings.
 */
class WarehouseFileWriterTest {
  private static final RowSchema SCHEMA = RowSchema.get();
  private static final int ROWS = 60_000;
  private static final String LONG = "y".repeat(48);

  @TempDir Path tmp;

  static Row row(SyntheticRows g, int i) {
    Row row = new Row();
    g.fill(row, i);
    row.setString(
        Fields.CITY,
        i < 20_000
            ? null
            : i < 30_000
                ? "Ottawa"
                : i < 50_000
                    ? String.format("city-%06d-%s", i, LONG)
                    : i % 3 == 0 ? "" : "Montréal");
    row.setString(Fields.COUNTRY, i % 7 == 0 ? null : new String[] {"CA", "US", "DE"}[i % 3]);
    row.setString(
        Fields.EDNS_CLIENT_SUBNET,
        "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/32");
    if (i % 11 != 0) {
      row.setDouble(
          Fields.LATITUDE, i % 13 == 0 ? -0.0 : i % 17 == 0 ? 0.0 : (i % 500) * 0.125 - 31);
    }
    if (i % 3 != 0) {
      row.setDouble(Fields.LONGITUDE, i % 1000 == 7 ? Double.NaN : -(i % 360) * 0.5);
    }
    if (i % 9 != 0) {
      row.setInt(
          Fields.TCP_HS_RTT,
          i % 5 == 0 ? Integer.MIN_VALUE : i % 5 == 1 ? Integer.MAX_VALUE : i % 1000 - 500);
    }
    row.setLong(
        Fields.RES_ANSWER_TTL, i % 4 == 0 ? Long.MIN_VALUE : i % 4 == 1 ? Long.MAX_VALUE : -i);
    row.setString(Fields.CUSTOMER_NAME, i < 30_000 ? null : "cust" + (i % 4));
    row.setString(Fields.ZONE, null);
    if (i >= 1_000) {
      row.setBoolean(Fields.EDNS_PING, i % 3 == 0);
    } else {
      row.setNull(Fields.EDNS_PING);
    }
    return row;
  }

  @ParameterizedTest
  @CsvSource({"1, SNAPPY", "64, UNCOMPRESSED", "16, ZSTD"})
  void everyValueStatisticAndPageIndexReadsBack(int targetMiB, String codec) throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.toUri() + "out");
    ParquetOptions options =
        new ParquetOptions(
            (long) targetMiB << 20, CompressionCodecName.valueOf(codec), TimestampUnit.MICROS);
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    List<Row> rows = new ArrayList<>();
    List<WrittenFile> files;
    try (RollingParquetWriter w =
        new RollingParquetWriter(
            fs, dir, "part-t", options, new RollingParquetWriter.SizeModel(), Map.of(), f -> {})) {
      ByteSink datum = new ByteSink(1024);
      for (int i = 0; i < ROWS; i++) {
        Row r = row(g, i);
        rows.add(r);
        datum.reset();
        AvroRowCodec.encode(r, datum);
        w.write(datum.bytes(), 0, datum.length());
      }
      files = w.finish();
    }
    assertThat(files.stream().mapToLong(WrittenFile::rows).sum()).isEqualTo(ROWS);

    MessageType schema = WarehouseSchema.parquet(TimestampUnit.MICROS);
    int first = 0;
    Set<Encoding> cityEncodings = EnumSet.noneOf(Encoding.class);
    for (WrittenFile f : files) {
      int from = first;
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), f.path()).withConf(conf).build()) {
        for (int i = from; i < from + f.rows(); i++) {
          Group gr = reader.read();
          assertThat(gr).isNotNull();
          Row expected = rows.get(i);
          assertThat(gr.getLong(0, 0)).isEqualTo(expected.getLong(Fields.TIME_US));
          for (int c = 0; c < SCHEMA.size(); c++) {
            assertThat(value(gr, c))
                .as("row %d column %s", i, SCHEMA.name(c))
                .isEqualTo(value(expected, c));
          }
        }
        assertThat(reader.read()).isNull();
      }
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f.path(), conf))) {
        assertThat(r.getRowGroups()).hasSize(1);
        BlockMetaData block = r.getRowGroups().get(0);
        for (int c = 0; c < schema.getColumns().size(); c++) {
          ColumnDescriptor cd = schema.getColumns().get(c);
          ColumnChunkMetaData chunk = block.getColumns().get(c);
          int field = c - 1;
          // As parquet-mr stores them (e.g. without bounds when there is a NaN).
          Statistics<?> expected =
              new ParquetMetadataConverter()
                  .fromParquetStatistics(
                      r.getFooter().getFileMetaData().getCreatedBy(),
                      ParquetMetadataConverter.toParquetStatistics(
                          stats(cd, rows, from, from + (int) f.rows(), field)),
                      cd.getPrimitiveType());
          assertThat(chunk.getStatistics())
              .as("chunk statistics of %s in %s", cd, f.path())
              .isEqualTo(expected);
          OffsetIndex offsets = r.readOffsetIndex(chunk);
          ColumnIndex index = r.readColumnIndex(chunk);
          if (field == Fields.LONGITUDE && index == null) {
            continue; // parquet-mr drops the column index of a chunk with NaN bounds
          }
          assertThat(index).as("column index of %s", cd).isNotNull();
          for (int p = 0; p < offsets.getPageCount(); p++) {
            int pageFrom = from + (int) offsets.getFirstRowIndex(p);
            int pageTo = from + (int) offsets.getLastRowIndex(p, f.rows()) + 1;
            Statistics<?> s = stats(cd, rows, pageFrom, pageTo, field);
            assertThat(index.getNullCounts().get(p)).isEqualTo(s.getNumNulls());
            assertThat(index.getNullPages().get(p)).isEqualTo(!s.hasNonNullValue());
            if (s.hasNonNullValue()) {
              assertThat(index.getMinValues().get(p)).isEqualTo(ByteBuffer.wrap(s.getMinBytes()));
              assertThat(index.getMaxValues().get(p)).isEqualTo(ByteBuffer.wrap(s.getMaxBytes()));
            }
          }
          if (field == Fields.DOMAINNAME) {
            assertThat(chunk.hasDictionaryPage()).isTrue();
            assertThat(chunk.getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
          }
          if (field == Fields.EVENT_ID || field == Fields.EDNS_CLIENT_SUBNET) {
            assertThat(chunk.hasDictionaryPage()).as("%s has a dictionary", cd).isFalse();
          }
          if (field == Fields.CITY) {
            cityEncodings.addAll(chunk.getEncodings());
          }
        }
      }
      first += (int) f.rows();
    }
    // The unique cities overflow the dictionary of some chunk, which goes on in PLAIN.
    assertThat(cityEncodings).contains(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY);

    try (Duck duck = new Duck()) {
      List<List<String>> read =
          duck.rows(
              "SELECT city, latitude, tcp_hs_rtt, res_answer_ttl, customer_name, edns_ping,"
                  + " edns_client_subnet FROM read_parquet('"
                  + dir.toUri().getPath()
                  + "/*.parquet') ORDER BY query_ts");
      assertThat(read).hasSize(ROWS);
      int[] fields = {
        Fields.CITY,
        Fields.LATITUDE,
        Fields.TCP_HS_RTT,
        Fields.RES_ANSWER_TTL,
        Fields.CUSTOMER_NAME,
        Fields.EDNS_PING,
        Fields.EDNS_CLIENT_SUBNET
      };
      for (int i = 0; i < ROWS; i++) {
        for (int k = 0; k < fields.length; k++) {
          Object v = value(rows.get(i), fields[k]);
          assertThat(read.get(i).get(k))
              .as("DuckDB row %d %s", i, SCHEMA.name(fields[k]))
              .isEqualTo(v == null ? null : v.toString());
        }
      }
    }
  }

  /** A datum cut anywhere, or with bytes after its last field, fails with an IOException. */
  @Test
  void rejectsTruncatedDatums() throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    ByteSink datum = new ByteSink(1024);
    AvroRowCodec.encode(
        row(new SyntheticRows(5, 1_709_596_800_000_000L, 1_000, "ns1"), 40_001), datum);
    byte[] b = Arrays.copyOf(datum.bytes(), datum.length() + 1);
    ParquetOptions options =
        new ParquetOptions(1 << 20, CompressionCodecName.UNCOMPRESSED, TimestampUnit.MICROS);
    for (int cut = 0; cut <= b.length; cut += cut < 12 || cut > b.length - 12 ? 1 : 17) {
      if (cut == b.length - 1) {
        continue; // the whole datum
      }
      int len = cut;
      byte[] shortArray = Arrays.copyOf(b, cut);
      for (byte[] array : List.of(b, shortArray)) {
        try (RollingParquetWriter w =
            new RollingParquetWriter(
                fs,
                new org.apache.hadoop.fs.Path(tmp.toUri() + "bad" + cut),
                "part-t",
                options,
                new RollingParquetWriter.SizeModel(),
                Map.of(),
                f -> {})) {
          // Datums are decoded when their batch is: the error comes at the latest from finish().
          assertThatThrownBy(
                  () -> {
                    w.write(array, 0, len);
                    w.finish();
                  })
              .isInstanceOf(IOException.class);
        }
      }
    }
  }

  private static Object value(Group g, int field) {
    int c = field + 1;
    if (g.getFieldRepetitionCount(c) == 0) {
      return null;
    }
    switch (SCHEMA.kind(field)) {
      case RowSchema.INT:
        return g.getInteger(c, 0);
      case RowSchema.LONG:
        return g.getLong(c, 0);
      case RowSchema.BOOLEAN:
        return g.getBoolean(c, 0);
      case RowSchema.DOUBLE:
        return g.getDouble(c, 0);
      default:
        return g.getBinary(c, 0).toStringUsingUTF8();
    }
  }

  private static Object value(Row r, int field) {
    if (r.isNull(field)) {
      return null;
    }
    switch (SCHEMA.kind(field)) {
      case RowSchema.INT:
        return r.getInt(field);
      case RowSchema.LONG:
        return r.getLong(field);
      case RowSchema.BOOLEAN:
        return r.getBoolean(field);
      case RowSchema.DOUBLE:
        return r.getDouble(field);
      default:
        return r.getString(field);
    }
  }

  /** What parquet-mr's Statistics make of rows [from, to) of a column (-1: query_ts). */
  private static Statistics<?> stats(
      ColumnDescriptor cd, List<Row> rows, int from, int to, int field) {
    Statistics<?> s = Statistics.createStats(cd.getPrimitiveType());
    IntPredicate isNull = i -> field >= 0 && rows.get(i).isNull(field);
    for (int i = from; i < to; i++) {
      if (isNull.test(i)) {
        s.incrementNumNulls();
        continue;
      }
      Row r = rows.get(i);
      if (field < 0) {
        s.updateStats(r.getLong(Fields.TIME_US));
        continue;
      }
      switch (SCHEMA.kind(field)) {
        case RowSchema.INT:
          s.updateStats(r.getInt(field));
          break;
        case RowSchema.LONG:
          s.updateStats(r.getLong(field));
          break;
        case RowSchema.BOOLEAN:
          s.updateStats(r.getBoolean(field));
          break;
        case RowSchema.DOUBLE:
          s.updateStats(r.getDouble(field));
          break;
        default:
          s.updateStats(Binary.fromString(r.getString(field)));
      }
    }
    return s;
  }
}
