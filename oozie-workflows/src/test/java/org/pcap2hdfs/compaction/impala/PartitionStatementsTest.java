package org.pcap2hdfs.compaction.impala;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.Partition;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;

/** Impala's statements as text; their DuckDB equivalents run for real through JDBC. */
class PartitionStatementsTest {
  @TempDir Path tmp;

  @Test
  void impalaStatementsForAddAndDrop() {
    ImpalaStatements s = new ImpalaStatements("dns.queries", true);
    assertThat(
            PartitionStatements.script(
                s.all(
                    List.of(new Partition(2016, 10, 16, "ns1.example.ca")),
                    List.of(new Partition(2016, 9, 1, "ns2")))))
        .isEqualTo(
            "ALTER TABLE dns.queries ADD IF NOT EXISTS PARTITION (year=2016, month=10, day=16,"
                + " server='ns1.example.ca');\n"
                + "REFRESH dns.queries PARTITION (year=2016, month=10, day=16,"
                + " server='ns1.example.ca');\n"
                + "COMPUTE INCREMENTAL STATS dns.queries PARTITION (year=2016, month=10, day=16,"
                + " server='ns1.example.ca');\n"
                + "ALTER TABLE dns.queries DROP IF EXISTS PARTITION (year=2016, month=9, day=1,"
                + " server='ns2');\n");
    assertThat(new ImpalaStatements("q", false).added(new Partition(2016, 1, 2, "a")))
        .containsExactly(
            "ALTER TABLE q ADD IF NOT EXISTS PARTITION (year=2016, month=1, day=2, server='a')",
            "REFRESH q PARTITION (year=2016, month=1, day=2, server='a')");
  }

  /**
   * Compaction in jdbc mode records the partitions; the DuckDB equivalents of ADD/REFRESH/COMPUTE
   * STATS and DROP, run through the JDBC runner, make them appear and disappear in the table.
   */
  @Test
  void duckDbEquivalentsRegisterAndDropPartitions() throws Exception {
    String warehouse = tmp.resolve("warehouse").toString();
    Configuration c = new Configuration();
    FileSystem fs = FileSystem.getLocal(c).getRawFileSystem();
    SyntheticRows g = new SyntheticRows(9, 1_709_596_800_000_000L, 1_000_000, "ns1");
    for (String server : List.of("ns1", "ns2")) {
      StagedAvro.write(
          fs,
          new org.apache.hadoop.fs.Path(
              tmp.resolve("staging/year=2024/month=3/day=5/server=" + server + "/a.avro").toUri()),
          g::fill,
          0,
          server.equals("ns1") ? 700 : 300,
          CodecFactory.nullCodec());
    }
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.PARTITIONS, "year=2024/month=3/day=5");
    c.set(CompactionConfig.IMPALA_MODE, "jdbc");
    c.set(CompactionConfig.IMPALA_JDBC_URL, "jdbc:duckdb:");
    CompactionConfig config = CompactionConfig.from(c);
    new Compactor(config, java.time.Clock.systemUTC(), CompactionHooks.NONE).run();
    PendingPartitions pending =
        new PendingPartitions(
            fs, new org.apache.hadoop.fs.Path(tmp.resolve("warehouse/_compaction/impala").toUri()));
    Partition ns1 = new Partition(2024, 3, 5, "ns1");
    Partition ns2 = new Partition(2024, 3, 5, "ns2");
    assertThat(pending.added()).containsExactly(ns1, ns2);

    // Impala's SQL is not DuckDB's: the statement fails and the markers stay for the next run.
    try (JdbcStatementRunner runner = new JdbcStatementRunner("jdbc:duckdb:", "")) {
      assertThatThrownBy(() -> pending.runPending(new ImpalaStatements("queries", true), runner))
          .isInstanceOf(CompactionException.class)
          .hasMessageStartingWith(
              "statement failed: ALTER TABLE queries ADD IF NOT EXISTS PARTITION (year=2024,"
                  + " month=3, day=5, server='ns1'): ");
    }
    assertThat(pending.added()).containsExactly(ns1, ns2);

    Path db = tmp.resolve("local.duckdb");
    DuckDbStatements duck = new DuckDbStatements("queries", warehouse, true);
    try (JdbcStatementRunner runner = new JdbcStatementRunner("jdbc:duckdb:" + db, "")) {
      runner.run(duck.setup());
      assertThat(pending.runPending(duck, runner)).isEqualTo(2);
    }
    assertThat(pending.added()).isEmpty();
    try (Duck d = new Duck()) {
      d.execute("ATTACH '" + db + "' AS local");
      d.execute("USE local");
      assertThat(d.rows("SELECT server, count(*) FROM queries GROUP BY server ORDER BY server"))
          .containsExactly(List.of("ns1", "700"), List.of("ns2", "300"));
      assertThat(
              d.rows("SELECT server, num_rows, num_files FROM queries_partition_stats ORDER BY 1"))
          .containsExactly(List.of("ns1", "700", "1"), List.of("ns2", "300", "1"));
    }

    // Retention-style drop: the partition leaves the table.
    pending.markDropped(ns2);
    try (JdbcStatementRunner runner = new JdbcStatementRunner("jdbc:duckdb:" + db, "")) {
      assertThat(pending.runPending(duck, runner)).isEqualTo(1);
    }
    try (Duck d = new Duck()) {
      d.execute("ATTACH '" + db + "' AS local");
      d.execute("USE local");
      assertThat(d.rows("SELECT server, count(*) FROM queries GROUP BY server"))
          .containsExactly(List.of("ns1", "700"));
    }
    assertThat(Files.exists(tmp.resolve("warehouse/year=2024/month=3/day=5/server=ns2"))).isTrue();
  }

  @Test
  void aMissingDriverClassIsNamed() {
    assertThatThrownBy(
            () ->
                new JdbcStatementRunner("jdbc:impala://h:21050", "com.cloudera.impala.jdbc.Driver"))
        .hasMessage(
            "JDBC driver com.cloudera.impala.jdbc.Driver is not on the classpath (put its jar"
                + " into lib/)");
  }
}
