package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.Expected;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;
import org.pcap2hdfs.testing.RowDiff;

/**
 * Staged Avro on a MiniDFSCluster (with re-delivered duplicates and a dead writer's in-use file) →
 * compaction → Parquet, read back with DuckDB using the SQL an Impala user would write and compared
 * with the staged rows column by column; reruns and runs killed at each step of publication.
 */
@Timeout(180)
class CompactionMiniDfsTest {
  private static final long DAY5_US = 1_709_596_800_000_000L; // 2024-03-05T00:00Z
  private static final long DAY_US = 86_400_000_000L;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-07T03:00:00Z"), ZoneOffset.UTC);
  private static final long STALE_MS = CLOCK.millis() - 2 * 3_600_000L;

  @TempDir static Path tmp;
  private static MiniDfs dfs;
  private static FileSystem fs;

  @BeforeAll
  static void start() throws IOException {
    dfs = new MiniDfs(tmp.resolve("dfs"));
    fs = dfs.fs();
  }

  @AfterAll
  static void stop() {
    if (dfs != null) {
      dfs.close();
    }
  }

  private static org.apache.hadoop.fs.Path p(String path) {
    return new org.apache.hadoop.fs.Path(path);
  }

  private static Configuration conf(String root) {
    Configuration c = dfs.compactionConf(root, tmp.resolve("spill"));
    c.set(CompactionConfig.IMPALA_MODE, "shell");
    return c;
  }

  private static RunReport run(Configuration c, CompactionHooks hooks) throws IOException {
    return new Compactor(CompactionConfig.from(c), CLOCK, hooks).run();
  }

  private static void stage(
      String root,
      String partition,
      String name,
      SyntheticRows g,
      long from,
      long to,
      CodecFactory codec)
      throws IOException {
    StagedAvro.write(fs, p(root + "/staging/" + partition + "/" + name), g::fill, from, to, codec);
  }

  @Test
  void compactsClosedPartitionsOnceAndReadsBackWithDuckDb() throws Exception {
    String root = "/e2e";
    SyntheticRows ns1d5 = new SyntheticRows(1, DAY5_US, DAY_US / 30_000, "ns1");
    SyntheticRows ns1d5b = new SyntheticRows(5, DAY5_US, DAY_US / 2_000, "ns1");
    SyntheticRows ns2d5 = new SyntheticRows(2, DAY5_US, DAY_US / 8_000, "ns2");
    SyntheticRows ns1d6 = new SyntheticRows(3, DAY5_US + DAY_US, DAY_US / 5_000, "ns1");
    SyntheticRows ns1d7 = new SyntheticRows(4, DAY5_US + 2 * DAY_US, DAY_US / 1_000, "ns1");
    String d5ns1 = "year=2024/month=3/day=5/server=ns1";
    String d5ns2 = "year=2024/month=3/day=5/server=ns2";
    String d6ns1 = "year=2024/month=3/day=6/server=ns1";
    String d7ns1 = "year=2024/month=3/day=7/server=ns1";
    // Two agents; the second re-delivered rows 10000..15000 of the first.
    stage(root, d5ns1, "agent1.1.avro", ns1d5, 0, 15_000, CodecFactory.snappyCodec());
    stage(root, d5ns1, "agent2.1.avro", ns1d5, 10_000, 30_000, CodecFactory.snappyCodec());
    // A dead writer's in-use file (not modified for over an hour): compacted like a closed one.
    stage(root, d5ns1, "_agent1.2.avro.tmp", ns1d5b, 0, 1_000, CodecFactory.nullCodec());
    fs.setTimes(p(root + "/staging/" + d5ns1 + "/_agent1.2.avro.tmp"), STALE_MS, -1);
    stage(root, d5ns1, ".agent3.avro", ns1d5, 31_000, 31_500, CodecFactory.nullCodec());
    stage(root, d5ns2, "agent1.1.avro", ns2d5, 0, 8_000, CodecFactory.deflateCodec(1));
    stage(root, d5ns2, "agent1.2.avro", ns2d5, 7_000, 8_000, CodecFactory.nullCodec());
    stage(root, d6ns1, "agent1.1.avro", ns1d6, 0, 5_000, CodecFactory.snappyCodec());
    stage(root, d7ns1, "agent1.1.avro", ns1d7, 0, 1_000, CodecFactory.snappyCodec());
    Expected expected = new Expected(DAY5_US + 6 * 3_600_000_000L, DAY5_US + 12 * 3_600_000_000L);
    expected.add("ns1", ns1d5, 0, 30_000);
    expected.add("ns1", ns1d5b, 0, 1_000);
    expected.add("ns2", ns2d5, 0, 8_000);
    expected.add("ns1", ns1d6, 0, 5_000);
    SortedMap<String, Map<String, Object>> expectedRows = new TreeMap<>();
    WarehouseRows.add(expectedRows, "ns1", ns1d5, 0, 30_000);
    WarehouseRows.add(expectedRows, "ns1", ns1d5b, 0, 1_000);
    WarehouseRows.add(expectedRows, "ns2", ns2d5, 0, 8_000);
    WarehouseRows.add(expectedRows, "ns1", ns1d6, 0, 5_000);

    Configuration c = conf(root);
    RunReport report = run(c, CompactionHooks.NONE);

    assertThat(report.rowsIn()).isEqualTo(30_000 + 1_000 + 5_000 + 9_000 + 5_000);
    assertThat(report.duplicates()).isEqualTo(6_000);
    assertThat(report.rowsOut()).isEqualTo(44_000);
    assertThat(report.staleFilesRecovered()).isEqualTo(1);
    assertThat(report.staleRowsRecovered()).isEqualTo(1_000);
    assertThat(report.staleBytesDropped()).isZero();
    assertThat(report.published())
        .containsExactly(Partition.parse(d5ns1), Partition.parse(d5ns2), Partition.parse(d6ns1));
    // Staging: processed files deleted; hidden and open-day files untouched.
    assertThat(MiniDfs.files(fs, p(root + "/staging")).keySet())
        .containsExactly(d5ns1 + "/.agent3.avro", d7ns1 + "/agent1.1.avro");
    // Warehouse: only published Parquet; work dir: no scratch, no journal; one Impala batch.
    TreeMap<String, Long> warehouse = MiniDfs.files(fs, p(root + "/warehouse"));
    assertThat(warehouse.keySet())
        .allMatch(k -> k.startsWith("_compaction/impala/batches/") || k.endsWith(".parquet"));
    assertThat(warehouse.keySet().stream().filter(k -> k.startsWith("_compaction/impala")))
        .containsExactly(
            "_compaction/impala/batches/"
                + report.runId()
                + "/add/year=2024,month=3,day=5,server=ns1",
            "_compaction/impala/batches/"
                + report.runId()
                + "/add/year=2024,month=3,day=5,server=ns2",
            "_compaction/impala/batches/"
                + report.runId()
                + "/add/year=2024,month=3,day=6,server=ns1",
            "_compaction/impala/batches/" + report.runId() + "/statements.sql");
    assertThat(fs.exists(p(root + "/warehouse/_compaction/tmp"))).isFalse();
    assertThat(fs.listStatus(p(root + "/warehouse/_compaction/committed"))).isEmpty();
    // Each file is one HDFS block of the configured size (target 1 MiB + 1/8, in whole MiB).
    for (Map.Entry<String, Long> e : warehouse.entrySet()) {
      if (e.getKey().endsWith(".parquet")) {
        FileStatus st = fs.getFileStatus(p(root + "/warehouse/" + e.getKey()));
        assertThat(st.getBlockSize()).isEqualTo(2L << 20);
        assertThat(fs.getFileBlockLocations(st, 0, st.getLen())).hasSize(1);
      }
    }

    Path local = MiniDfs.copyToLocal(fs, p(root + "/warehouse"), tmp);
    String table =
        "read_parquet('"
            + local
            + "/*/*/*/*/*.parquet', hive_partitioning = true, "
            + "filename = true, file_row_number = true)";
    try (Duck duck = new Duck()) {
      assertThat(duck.scalar("SELECT count(*) FROM " + table)).isEqualTo(44_000);
      assertThat(duck.scalar("SELECT count(DISTINCT event_id) FROM " + table)).isEqualTo(44_000);
      // Every column of every row: what was staged (each duplicate once), query_ts and the
      // partition columns derived from it.
      RowDiff.assertSame(
          WarehouseRows.read(duck, table, "filename", "file_row_number"), expectedRows);
      assertThat(
              duck.rows(
                  "SELECT year, month, day, server, count(*) FROM "
                      + table
                      + " GROUP BY ALL ORDER BY ALL"))
          .containsExactly(
              List.of("2024", "3", "5", "ns1", "31000"),
              List.of("2024", "3", "5", "ns2", "8000"),
              List.of("2024", "3", "6", "ns1", "5000"));
      assertThat(toMap(duck.rows("SELECT server, count(*) FROM " + table + " GROUP BY server")))
          .isEqualTo(expected.byServer);
      assertThat(toMap(duck.rows("SELECT qtype, count(*) FROM " + table + " GROUP BY qtype")))
          .isEqualTo(expected.byQtype);
      assertThat(toMap(duck.rows("SELECT rcode, count(*) FROM " + table + " GROUP BY rcode")))
          .isEqualTo(expected.byRcode);
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM "
                      + table
                      + " WHERE query_ts >= make_timestamptz(2024, 3, 5, 6, 0, 0, 'UTC')"
                      + " AND query_ts < make_timestamptz(2024, 3, 5, 12, 0, 0, 'UTC')"))
          .isEqualTo(expected.inWindow);
      // query_ts is time_us as a timestamp; every row lies in its partition's day.
      assertThat(
              duck.scalar("SELECT count(*) FROM " + table + " WHERE epoch_us(query_ts) <> time_us"))
          .isZero();
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM "
                      + table
                      + " WHERE make_date(year, month, day) <> CAST(to_timestamp(time_us / 1e6)"
                      + " AT TIME ZONE 'UTC' AS DATE)"))
          .isZero();
      // Rows of each file are in sort-key order (domainname, time_us, event_id).
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM (SELECT domainname, time_us, lag(domainname) OVER w pd,"
                      + " lag(time_us) OVER w pt FROM "
                      + table
                      + " WINDOW w AS (PARTITION BY filename ORDER BY file_row_number))"
                      + " WHERE pd > domainname OR (pd = domainname AND pt > time_us)"))
          .isZero();
      assertThat(duck.scalar("SELECT count(DISTINCT filename) FROM " + table))
          .isEqualTo(warehouse.keySet().stream().filter(k -> k.endsWith(".parquet")).count());
    }

    // The impala-shell script of the batch, as the workflow's shell action runs it.
    org.apache.hadoop.fs.Path batch = p(report.impalaScript()).getParent();
    assertThat(report.impalaScript())
        .endsWith("/_compaction/impala/batches/" + report.runId() + "/statements.sql");
    try (java.io.InputStream in = fs.open(p(report.impalaScript()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(
              "ALTER TABLE dns.queries ADD IF NOT EXISTS PARTITION (year=2024, month=3, day=5,"
                  + " server='ns1');\n"
                  + "REFRESH dns.queries PARTITION (year=2024, month=3, day=5, server='ns1');\n"
                  + "COMPUTE INCREMENTAL STATS dns.queries PARTITION (year=2024, month=3, day=5,"
                  + " server='ns1');\n"
                  + "ALTER TABLE dns.queries ADD IF NOT EXISTS PARTITION (year=2024, month=3, day=5,"
                  + " server='ns2');\n"
                  + "REFRESH dns.queries PARTITION (year=2024, month=3, day=5, server='ns2');\n"
                  + "COMPUTE INCREMENTAL STATS dns.queries PARTITION (year=2024, month=3, day=5,"
                  + " server='ns2');\n"
                  + "ALTER TABLE dns.queries ADD IF NOT EXISTS PARTITION (year=2024, month=3, day=6,"
                  + " server='ns1');\n"
                  + "REFRESH dns.queries PARTITION (year=2024, month=3, day=6, server='ns1');\n"
                  + "COMPUTE INCREMENTAL STATS dns.queries PARTITION (year=2024, month=3, day=6,"
                  + " server='ns1');\n");
    }
    // After impala-shell succeeded the workflow deletes the batch (its fs action).
    assertThat(fs.delete(batch, true)).isTrue();

    // A second run finds nothing to do and changes nothing.
    List<String> before = MiniDfs.snapshot(fs, p(root));
    RunReport again = run(c, CompactionHooks.NONE);
    assertThat(again.published()).isEmpty();
    assertThat(again.rowsIn()).isZero();
    List<String> after = MiniDfs.snapshot(fs, p(root));
    assertThat(after).isEqualTo(before);
  }

  private static Map<String, Long> toMap(List<List<String>> rows) {
    Map<String, Long> m = new TreeMap<>();
    for (List<String> r : rows) {
      m.put(r.get(0), Long.parseLong(r.get(1)));
    }
    return m;
  }

  /**
   * A run killed at a step (the hook throws at its n-th occurrence) leaves nothing visible when it
   * dies before the commit; the next run then ends with each row exactly once. Late data for an
   * already compacted partition (several files, published one by one) and a new partition (with a
   * dead writer's in-use file, recovered once).
   */
  @ParameterizedTest(name = "killed at {0} #{1}")
  @CsvSource({
    "FILE_CLOSED, 1, false",
    "MANIFEST_WRITTEN, 1, false",
    "COMMITTED, 1, true",
    "PUBLISHED, 1, true",
    "INPUT_DISPOSED, 1, true",
    "DONE, 1, true"
  })
  void runKilledAtAnyStepRecoversExactlyOnce(Step step, int nth, boolean committed)
      throws Exception {
    String root = "/kill-" + step + "-" + nth;
    String part = "year=2024/month=3/day=5/server=ns1";
    String fresh = "year=2024/month=3/day=5/server=ns9";
    SyntheticRows g = new SyntheticRows(11, DAY5_US, DAY_US / 40_000, "ns1");
    SyntheticRows h = new SyntheticRows(12, DAY5_US, DAY_US / 3_000, "ns9");
    // rows 3000..3600 of this one still fall on day 5, the partition its in-use file is staged in
    SyntheticRows hTorn = new SyntheticRows(13, DAY5_US, DAY_US / 4_000, "ns9");
    Configuration c = conf(root);
    stage(root, part, "a.avro", g, 0, 8_000, CodecFactory.snappyCodec());
    run(c, CompactionHooks.NONE);
    // Late data: 22000 new rows (several output files) plus a brand-new partition.
    stage(root, part, "late.avro", g, 8_000, 30_000, CodecFactory.snappyCodec());
    stage(root, fresh, "b.avro", h, 0, 3_000, CodecFactory.snappyCodec());
    // A dead writer's in-use file cut in its last block: 400 of its 600 rows are recovered once.
    StagedAvro.Blocks cut =
        StagedAvro.blocks(hTorn::fill, 3_000, 3_600, CodecFactory.snappyCodec(), 200);
    org.apache.hadoop.fs.Path inUse = p(root + "/staging/" + fresh + "/_b.2.avro.tmp");
    StagedAvro.put(fs, inUse, cut.cut(cut.ends[3] - 5));
    fs.setTimes(inUse, STALE_MS, -1);
    List<String> warehouseBefore = MiniDfs.snapshot(fs, p(root + "/warehouse/year=2024"));
    List<String> stagingBefore = MiniDfs.snapshot(fs, p(root + "/staging"));

    AtomicInteger seen = new AtomicInteger();
    CompactionHooks crash =
        (s, detail) -> {
          if (s == step && seen.incrementAndGet() == nth) {
            throw new IOException("simulated crash at " + s + " (" + detail + ")");
          }
        };
    assertThatThrownBy(() -> run(c, crash)).hasMessageContaining("simulated crash at " + step);

    if (!committed) {
      assertThat(MiniDfs.snapshot(fs, p(root + "/warehouse/year=2024"))).isEqualTo(warehouseBefore);
      assertThat(MiniDfs.snapshot(fs, p(root + "/staging"))).isEqualTo(stagingBefore);
    }
    // Impala is never told about a partition before all its files are in place.
    if (step == Step.PUBLISHED) {
      assertThat(
              fs.exists(
                  p(
                      root
                          + "/warehouse/_compaction/impala/pending/add/"
                          + Partition.parse(part).id())))
          .isFalse();
    }

    RunReport rerun = run(c, CompactionHooks.NONE);
    assertThat(rerun.published()).contains(Partition.parse(fresh));
    assertThat(fs.exists(p(root + "/warehouse/_compaction/tmp"))).isFalse();
    assertThat(fs.listStatus(p(root + "/warehouse/_compaction/committed"))).isEmpty();
    assertThat(MiniDfs.files(fs, p(root + "/staging"))).isEmpty();
    Path local = MiniDfs.copyToLocal(fs, p(root + "/warehouse"), tmp);
    try (Duck duck = new Duck()) {
      String t = "read_parquet('" + local + "/*/*/*/*/*.parquet', hive_partitioning = true)";
      assertThat(
              duck.rows(
                  "SELECT server, count(*), count(DISTINCT event_id) FROM "
                      + t
                      + " GROUP BY server ORDER BY server"))
          .containsExactly(List.of("ns1", "30000", "30000"), List.of("ns9", "3400", "3400"));
      SortedMap<String, Map<String, Object>> expectedRows = new TreeMap<>();
      WarehouseRows.add(expectedRows, "ns1", g, 0, 30_000);
      // ns9: its closed file's 3000 rows and the two complete blocks of the cut in-use file
      WarehouseRows.add(expectedRows, "ns9", h, 0, 3_000);
      WarehouseRows.add(expectedRows, "ns9", hTorn, 3_000, 3_400);
      RowDiff.assertSame(WarehouseRows.read(duck, t), expectedRows);
    }
  }
}
