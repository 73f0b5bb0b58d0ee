package org.pcap2hdfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.parquet.TimestampUnit;
import org.pcap2hdfs.compaction.parquet.WarehouseSchema;
import org.pcap2hdfs.row.RowSchema;

/**
 * {@code decode --format parquet} writes warehouse files: the same Parquet schema (columns, types,
 * order, {@code query_ts} first) as a file the compaction makes from the same rows, and the rows of
 * decode's JSON lines.
 */
class DecodeParquetWarehouseLayoutTest {
  private static final Path DNS = DecodeCommandTest.DNS;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void parquetHasTheCompactedWarehouseSchemaAndTheJsonlRows() throws Exception {
    Path jsonl = dir.resolve("rows.jsonl");
    Path avro = dir.resolve("rows.avro");
    Path parquet = dir.resolve("rows.parquet");
    assertThat(Main.run("decode", "--out", jsonl.toString(), DNS.toString())).isZero();
    assertThat(Main.run("decode", "--format", "avro", "--out", avro.toString(), DNS.toString()))
        .isZero();
    assertThat(
            Main.run("decode", "--format", "parquet", "--out", parquet.toString(), DNS.toString()))
        .isZero();

    assertThat(dir.resolve(".rows.parquet.crc")).doesNotExist();
    Path warehouseFile = compact(avro);
    MessageType decoded = schema(parquet);
    assertThat(decoded).isEqualTo(schema(warehouseFile));
    assertThat(decoded.getFieldName(0)).isEqualTo("query_ts");
    assertThat(decoded.getFieldCount()).isEqualTo(RowSchema.get().size() + 1);

    List<JsonNode> expected = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      expected.add(normalized(JSON.readTree(line)));
    }
    assertThat(expected).hasSize(41);
    List<GenericRecord> fromDecode = records(parquet);
    List<JsonNode> actual = new ArrayList<>();
    for (GenericRecord r : fromDecode) {
      assertThat(r.get("query_ts")).isEqualTo(r.get("time_us"));
      actual.add(rowFields(r));
    }
    assertThat(actual).isEqualTo(expected);
    // The compacted file holds the same rows (in sort order).
    List<JsonNode> compacted = new ArrayList<>();
    for (GenericRecord r : records(warehouseFile)) {
      compacted.add(rowFields(r));
    }
    Comparator<JsonNode> byEventId = Comparator.comparing(n -> n.get("event_id").asText());
    assertThat(compacted.stream().sorted(byEventId).collect(Collectors.toList()))
        .isEqualTo(actual.stream().sorted(byEventId).collect(Collectors.toList()));
  }

  /** ICMP rows from {@code --icmp-out} get the warehouse layout of the ICMP table. */
  @Test
  void icmpParquetHasTheIcmpWarehouseSchema() throws Exception {
    Path fixture = DNS.resolveSibling("fixtures/icmp-errors-quoting-dns.pcap");
    Path out = dir.resolve("rows.parquet");
    Path icmp = dir.resolve("icmp.parquet");
    assertThat(
            Main.run(
                "decode",
                "--format",
                "parquet",
                "--out",
                out.toString(),
                "--icmp-out",
                icmp.toString(),
                fixture.toString()))
        .isZero();
    assertThat(schema(icmp))
        .isEqualTo(WarehouseSchema.parquet(RowSchema.icmp(), TimestampUnit.MICROS));
    List<GenericRecord> rows = records(icmp);
    assertThat(rows).hasSize(6);
    for (GenericRecord r : rows) {
      assertThat(r.get("query_ts")).isEqualTo(r.get("time_us"));
    }
    assertThat(records(out)).hasSize(4);
  }

  /** Stages decode's Avro file, runs the compaction on the local file system, returns its file. */
  private Path compact(Path avro) throws Exception {
    Path staged = dir.resolve("staging/year=2024/month=3/day=5/server=ns1/a.avro");
    Files.createDirectories(staged.getParent());
    Files.copy(avro, staged);
    Configuration c = new Configuration();
    c.set(CompactionConfig.STAGING_DIR, dir.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, dir.resolve("warehouse").toUri().toString());
    Clock clock = Clock.fixed(Instant.parse("2024-03-07T12:00:00Z"), ZoneOffset.UTC);
    new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();
    try (Stream<Path> files =
        Files.list(dir.resolve("warehouse/year=2024/month=3/day=5/server=ns1"))) {
      List<Path> parquet =
          files.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
      assertThat(parquet).hasSize(1);
      return parquet.get(0);
    }
  }

  private static MessageType schema(Path file) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getFileMetaData().getSchema();
    }
  }

  private static List<GenericRecord> records(Path file) throws Exception {
    List<GenericRecord> out = new ArrayList<>();
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
      for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
        out.add(rec);
      }
    }
    return out;
  }

  /** The row-schema fields of a record read back, as JSON (integers as longs). */
  private static JsonNode rowFields(GenericRecord r) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    for (Schema.Field f : RowSchema.get().avro().getFields()) {
      Object v = r.get(f.name());
      if (v == null) {
        n.putNull(f.name());
      } else if (v instanceof Integer || v instanceof Long) {
        n.put(f.name(), ((Number) v).longValue());
      } else if (v instanceof Double) {
        n.put(f.name(), (Double) v);
      } else if (v instanceof Boolean) {
        n.put(f.name(), (Boolean) v);
      } else {
        n.put(f.name(), v.toString());
      }
    }
    return n;
  }

  /** A JSON row with every integer as a long, so that it compares with {@link #rowFields}. */
  private static JsonNode normalized(JsonNode row) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    row.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isIntegralNumber()) {
                n.put(e.getKey(), v.asLong());
              } else if (v.isFloatingPointNumber()) {
                n.put(e.getKey(), v.asDouble());
              } else {
                n.set(e.getKey(), v);
              }
            });
    return n;
  }
}
