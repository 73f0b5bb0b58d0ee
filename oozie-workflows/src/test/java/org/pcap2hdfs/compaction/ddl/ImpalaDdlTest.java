package org.pcap2hdfs.compaction.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.IcmpRows;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.RowSchema;

class ImpalaDdlTest {
  private static final Path COMMITTED = Paths.get("..", "conf", "impala");
  private static final Pattern COLUMN = Pattern.compile("^  `(\\w+)` (\\w+) COMMENT '.*',?$");

  @TempDir Path tmp;

  /**
   * The committed generated conf/impala files are exactly what the generator makes from the .avsc;
   * hand-written files (the example queries) sit beside them without the generated header.
   */
  @Test
  void committedDdlIsWhatTheGeneratorProduces() throws Exception {
    Map<String, String> generated = ImpalaDdl.files();
    try (Stream<Path> s = Files.list(COMMITTED)) {
      assertThat(
              s.filter(p -> p.getFileName().toString().endsWith(".sql"))
                  .filter(ImpalaDdlTest::saysGenerated)
                  .map(p -> p.getFileName().toString())
                  .sorted()
                  .collect(Collectors.toList()))
          .as("generated conf/impala/*.sql; regenerate with ImpalaDdl (see its javadoc)")
          .containsExactlyElementsOf(generated.keySet());
    }
    for (Map.Entry<String, String> e : generated.entrySet()) {
      assertThat(
              new String(Files.readAllBytes(COMMITTED.resolve(e.getKey())), StandardCharsets.UTF_8))
          .as("conf/impala/%s is stale; regenerate with ImpalaDdl (see its javadoc)", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  private static boolean saysGenerated(Path sql) {
    try {
      return new String(Files.readAllBytes(sql), StandardCharsets.UTF_8)
          .startsWith(ImpalaDdl.GENERATED);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void stagingColumnsAreTheSchemaFieldsAndWarehouseAddsQueryTsFirst() {
    List<String[]> staging = columns(ImpalaDdl.staging());
    List<String[]> warehouse = columns(ImpalaDdl.warehouse());
    RowSchema s = RowSchema.get();
    assertThat(staging).hasSize(s.size());
    assertThat(warehouse).hasSize(s.size() + 1);
    assertThat(warehouse.get(0)).containsExactly("query_ts", "TIMESTAMP");
    for (int i = 0; i < s.size(); i++) {
      assertThat(staging.get(i)[0]).isEqualTo(s.name(i));
      assertThat(warehouse.get(i + 1)).containsExactly(staging.get(i));
    }
    assertThat(staging.get(s.indexOf("time"))).containsExactly("time", "BIGINT");
    assertThat(staging.get(s.indexOf("latitude"))).containsExactly("latitude", "DOUBLE");
    assertThat(ImpalaDdl.warehouse())
        .contains(
            "PARTITIONED BY (`year` INT, `month` INT, `day` INT, `server` STRING)\n"
                + "STORED AS PARQUET\n");
    assertThat(ImpalaDdl.staging()).contains("STORED AS AVRO\n");
  }

  /** The warehouse DDL names the columns of the written Parquet, in file order, with its types. */
  @Test
  void warehouseDdlMatchesTheParquetTheCompactionWrites() throws Exception {
    Configuration c = new Configuration();
    FileSystem fs = FileSystem.getLocal(c).getRawFileSystem();
    SyntheticRows g = new SyntheticRows(3, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(
            tmp.resolve("staging/year=2024/month=3/day=5/server=ns1/a.avro").toUri()),
        g::fill,
        0,
        10,
        CodecFactory.nullCodec());
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.PARTITIONS, "year=2024/month=3/day=5");
    new Compactor(CompactionConfig.from(c), java.time.Clock.systemUTC(), CompactionHooks.NONE)
        .run();
    List<String[]> ddl = columns(ImpalaDdl.warehouse());
    List<String[]> parquet = new ArrayList<>();
    try (Duck d = new Duck()) {
      for (List<String> r :
          d.rows(
              "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                  + tmp.resolve("warehouse")
                  + "/*/*/*/*/*.parquet', hive_partitioning = false))")) {
        parquet.add(new String[] {r.get(0), r.get(1)});
      }
    }
    assertThat(parquet).hasSameSizeAs(ddl);
    for (int i = 0; i < ddl.size(); i++) {
      assertThat(parquet.get(i)[0]).isEqualTo(ddl.get(i)[0]);
      assertThat(duckType(ddl.get(i)[1])).as(ddl.get(i)[0]).isEqualTo(parquet.get(i)[1]);
    }
  }

  @Test
  void icmpTablesAreTheIcmpSchemaAndMatchTheParquetTheIcmpCompactionWrites() throws Exception {
    List<String[]> staging = columns(ImpalaDdl.staging(ImpalaDdl.ICMP));
    RowSchema s = RowSchema.icmp();
    assertThat(staging).hasSize(s.size());
    for (int i = 0; i < s.size(); i++) {
      assertThat(staging.get(i)[0]).isEqualTo(s.name(i));
    }
    assertThat(ImpalaDdl.staging(ImpalaDdl.ICMP))
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}.icmp_staging (\n")
        .contains("--var=schema_url=hdfs:///data/dns/schema/icmp_message.avsc");
    assertThat(ImpalaDdl.warehouse(ImpalaDdl.ICMP))
        .startsWith("-- Generated from icmp_message.avsc by")
        .contains("sorted by time_us.\n")
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}.icmp (\n");

    Configuration c = new Configuration();
    FileSystem fs = FileSystem.getLocal(c).getRawFileSystem();
    IcmpRows.stage(
        fs,
        new org.apache.hadoop.fs.Path(
            tmp.resolve("staging/year=2016/month=10/day=20/server=ns1/a.avro").toUri()),
        IcmpRows.datums().subList(0, 4));
    c.set(CompactionConfig.ROW_KIND, "icmp");
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.PARTITIONS, "year=2016/month=10/day=20");
    new Compactor(CompactionConfig.from(c), java.time.Clock.systemUTC(), CompactionHooks.NONE)
        .run();
    assertSameColumns(columns(ImpalaDdl.warehouse(ImpalaDdl.ICMP)), tmp.resolve("warehouse"));
  }

  private static void assertSameColumns(List<String[]> ddl, Path warehouse) throws Exception {
    List<String[]> parquet = new ArrayList<>();
    try (Duck d = new Duck()) {
      for (List<String> r :
          d.rows(
              "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                  + warehouse
                  + "/*/*/*/*/*.parquet', hive_partitioning = false))")) {
        parquet.add(new String[] {r.get(0), r.get(1)});
      }
    }
    assertThat(parquet).hasSameSizeAs(ddl);
    for (int i = 0; i < ddl.size(); i++) {
      assertThat(parquet.get(i)[0]).isEqualTo(ddl.get(i)[0]);
      assertThat(duckType(ddl.get(i)[1])).as(ddl.get(i)[0]).isEqualTo(parquet.get(i)[1]);
    }
  }

  private static String duckType(String impala) {
    switch (impala) {
      case "INT":
        return "INTEGER";
      case "STRING":
        return "VARCHAR";
      case "TIMESTAMP":
        return "TIMESTAMP WITH TIME ZONE";
      default:
        return impala;
    }
  }

  private static List<String[]> columns(String ddl) {
    List<String[]> out = new ArrayList<>();
    for (String line : ddl.split("\n")) {
      Matcher m = COLUMN.matcher(line);
      if (m.matches()) {
        out.add(new String[] {m.group(1), m.group(2)});
      }
    }
    return out;
  }
}
