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
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.parquet.WarehouseSchema;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.IcmpRows;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.pcap2hdfs.compaction.testing.WarehouseRows;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.RowDiff;

/**
 * ICMP rows (decoded from {@code fixtures/icmp-errors-quoting-dns.pcap}, {@link IcmpRows}) staged
 * on a MiniDFSCluster, with a re-delivered copy, compacted with {@code row.kind = icmp} into their
 * own warehouse table and read back with DuckDB, column by column; the DNS compaction refuses them.
 */
@Timeout(180)
class IcmpCompactionMiniDfsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-07T03:00:00Z"), ZoneOffset.UTC);
  private static final String DAY_2016 = "year=2016/month=10/day=20/server=ns1";
  private static final String DAY_2018 = "year=2018/month=11/day=27/server=ns1";

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

  private static GenericRecord record(byte[] datum) throws IOException {
    return new GenericDatumReader<GenericRecord>(RowSchema.icmp().avro())
        .read(null, DecoderFactory.get().binaryDecoder(datum, null));
  }

  private static Configuration conf(String root, String kind) {
    Configuration c = dfs.compactionConf(root, tmp.resolve("spill"));
    c.set(CompactionConfig.PARTITIONS, "year=2016/month=10/day=20,year=2018/month=11/day=27");
    if (kind != null) {
      c.set(CompactionConfig.ROW_KIND, kind);
    }
    return c;
  }

  @Test
  void icmpStagingCompactsIntoItsOwnWarehouseTable() throws Exception {
    List<byte[]> rows = IcmpRows.datums();
    assertThat(rows).hasSize(6);
    String root = "/icmp";
    // Rows 0-3 are of 2016-10-20 (dns.pcap), 4-5 of 2018-11-27 (dns6.pcap); a second agent
    // re-delivered rows 2 and 3.
    IcmpRows.stage(fs, p(root + "/staging/" + DAY_2016 + "/agent1.1.avro"), rows.subList(0, 4));
    IcmpRows.stage(fs, p(root + "/staging/" + DAY_2016 + "/agent2.1.avro"), rows.subList(2, 4));
    IcmpRows.stage(fs, p(root + "/staging/" + DAY_2018 + "/agent1.1.avro"), rows.subList(4, 6));
    SortedMap<String, Map<String, Object>> expected = new TreeMap<>();
    for (byte[] d : rows) {
      GenericRecord r = record(d);
      expected.put(r.get("event_id").toString(), WarehouseRows.of(r, "ns1"));
    }

    CompactionConfig config = CompactionConfig.from(conf(root, "icmp"));
    assertThat(config.sortKey().columns()).containsExactly("time_us", "event_id");
    assertThat(config.impalaTable()).isEqualTo("dns.icmp");
    RunReport report = new Compactor(config, CLOCK, CompactionHooks.NONE).run();
    assertThat(report.rowsIn()).isEqualTo(8);
    assertThat(report.duplicates()).isEqualTo(2);
    assertThat(report.rowsOut()).isEqualTo(6);
    assertThat(report.published())
        .containsExactly(Partition.parse(DAY_2016), Partition.parse(DAY_2018));
    assertThat(MiniDfs.files(fs, new org.apache.hadoop.fs.Path(root + "/staging"))).isEmpty();

    Path local = MiniDfs.copyToLocal(fs, new org.apache.hadoop.fs.Path(root + "/warehouse"), tmp);
    String table = "read_parquet('" + local + "/*/*/*/*/*.parquet', hive_partitioning = true)";
    try (Duck duck = new Duck()) {
      RowDiff.assertSame(WarehouseRows.read(duck, table), expected);
      assertThat(
              duck.rows(
                  "SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('"
                      + local
                      + "/*/*/*/*/*.parquet', hive_partitioning = false)) LIMIT 3"))
          .containsExactly(List.of(WarehouseSchema.QUERY_TS), List.of("time"), List.of("time_us"));
      assertThat(
              duck.rows(
                  "SELECT icmp_type, icmp_code, orig_dns_qname, count(*) FROM "
                      + table
                      + " WHERE orig_dns_id IS NOT NULL GROUP BY ALL ORDER BY ALL"))
          .containsExactly(
              List.of("2", "0", "google.com", "1"),
              List.of("3", "3", "google.com", "1"),
              java.util.Arrays.asList("11", "0", null, "1"));
    }
  }

  @Test
  void theDnsCompactionRefusesIcmpStagingNamingTheSchemas() throws Exception {
    String root = "/icmp-as-dns";
    IcmpRows.stage(
        fs, p(root + "/staging/" + DAY_2018 + "/agent1.1.avro"), IcmpRows.datums().subList(4, 6));
    Compactor dns =
        new Compactor(CompactionConfig.from(conf(root, null)), CLOCK, CompactionHooks.NONE);
    assertThatThrownBy(dns::run)
        .hasStackTraceContaining("schema mismatch")
        .hasStackTraceContaining("org.pcap2hdfs.IcmpMessage")
        .hasStackTraceContaining("org.pcap2hdfs.DnsQuery");
    assertThat(MiniDfs.files(fs, new org.apache.hadoop.fs.Path(root + "/staging")))
        .as("the staged file is kept")
        .hasSize(1);
  }

  @Test
  void anUnknownRowKindNamesTheKey() {
    assertThatThrownBy(() -> CompactionConfig.from(conf("/x", "tcp")))
        .hasMessage("pcap2hdfs.compaction.row.kind=tcp: must be dns or icmp");
  }
}
