package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactionConfigTest {
  private static Configuration minimal() {
    Configuration c = new Configuration(false);
    c.set(CompactionConfig.STAGING_DIR, "hdfs://nn/staging");
    c.set(CompactionConfig.WAREHOUSE_DIR, "hdfs://nn/warehouse");
    return c;
  }

  @Test
  void defaults() {
    CompactionConfig c = CompactionConfig.from(minimal());
    assertThat(c.workDir().toString()).isEqualTo("hdfs://nn/warehouse/_compaction");
    assertThat(c.archiveDir()).isNull();
    assertThat(c.targetFileSize()).isEqualTo(256L << 20);
    assertThat(c.compression()).isEqualTo(CompressionCodecName.SNAPPY);
    assertThat(c.sortKey().columns()).containsExactly("domainname", "time_us", "event_id");
    assertThat(c.grace().toMinutes()).isEqualTo(120);
    assertThat(c.staleInUse().toMinutes()).isEqualTo(60);
    assertThat(c.impalaMode()).isEqualTo(CompactionConfig.ImpalaMode.SKIP);
    assertThat(c.impalaTable()).isEqualTo("dns.queries");
    assertThat(c.dedup()).isTrue();
    assertThat(c.retentionDays()).isZero();
  }

  @Test
  void parsesSizesAndEnumsCaseInsensitively() {
    Configuration m = minimal();
    m.set(CompactionConfig.TARGET_FILE_SIZE, "128m");
    m.set(CompactionConfig.COMPRESSION, "zstd");
    m.set(CompactionConfig.QUERY_TS_UNIT, "millis");
    CompactionConfig c = CompactionConfig.from(m);
    assertThat(c.targetFileSize()).isEqualTo(128L << 20);
    assertThat(c.compression()).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(c.queryTsUnit().name()).isEqualTo("MILLIS");
    m.set(CompactionConfig.QUERY_TS_UNIT, " int96 ");
    assertThat(CompactionConfig.from(m).queryTsUnit().name()).isEqualTo("INT96");
  }

  @Test
  void bloomColumnsDefaultByRowKindAndMustBeStringColumns() {
    assertThat(CompactionConfig.from(minimal()).bloomColumns())
        .containsExactly("qname", "domainname", "src");
    Configuration icmp = minimal();
    icmp.set(CompactionConfig.ROW_KIND, "icmp");
    assertThat(CompactionConfig.from(icmp).bloomColumns()).isEmpty();
    Configuration m = minimal();
    m.set(CompactionConfig.BLOOM_COLUMNS, " src , ");
    assertThat(CompactionConfig.from(m).bloomColumns()).containsExactly("src");
    m.set(CompactionConfig.BLOOM_COLUMNS, "qname,ttl");
    assertThatThrownBy(() -> CompactionConfig.from(m))
        .hasMessage(
            "pcap2hdfs.compaction.bloom.columns=ttl: must name string columns of dns_query.avsc");
    m.set(CompactionConfig.BLOOM_COLUMNS, "nosuch");
    assertThatThrownBy(() -> CompactionConfig.from(m))
        .hasMessageStartingWith("pcap2hdfs.compaction.bloom.columns=nosuch:");
  }

  @Test
  void requiresTheDirectories() {
    Configuration m = minimal();
    m.unset(CompactionConfig.WAREHOUSE_DIR);
    assertThatThrownBy(() -> CompactionConfig.from(m))
        .hasMessage("pcap2hdfs.compaction.warehouse.dir is required");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pcap2hdfs.compaction.compression|LZO|pcap2hdfs.compaction.compression=LZO: must be one of"
            + " [SNAPPY, ZSTD, GZIP, UNCOMPRESSED]",
        "pcap2hdfs.compaction.target.file.size|10k|pcap2hdfs.compaction.target.file.size=10240:"
            + " must be between 64k and 1g",
        "pcap2hdfs.compaction.sort.columns|domainname,nosuch|pcap2hdfs.compaction.sort.columns: no"
            + " column nosuch in the dns row schema",
        "pcap2hdfs.compaction.grace.minutes|-5|pcap2hdfs.compaction.grace.minutes=-5: must be >= 0",
        "pcap2hdfs.compaction.stale.in.use.minutes|-1|pcap2hdfs.compaction.stale.in.use.minutes=-1:"
            + " must be >= 0",
        "pcap2hdfs.compaction.impala.mode|beeline|pcap2hdfs.compaction.impala.mode=beeline: must be"
            + " one of [SKIP, JDBC, SHELL]",
        "pcap2hdfs.compaction.impala.table|dns.q;drop|pcap2hdfs.compaction.impala.table=dns.q;drop:"
            + " must be an identifier or db.table",
        "pcap2hdfs.compaction.dedup|yes|pcap2hdfs.compaction.dedup=yes: must be true or false",
        "pcap2hdfs.compaction.retention.days|-1|pcap2hdfs.compaction.retention.days=-1: must be >= 0"
            + " (0 keeps everything)",
        "pcap2hdfs.compaction.sort.buffer.size|4g|pcap2hdfs.compaction.sort.buffer.size=4294967296:"
            + " must be between 1m and 2g",
        "pcap2hdfs.compaction.query_ts.unit|NANOS|pcap2hdfs.compaction.query_ts.unit=NANOS: must be"
            + " one of [MICROS, MILLIS, INT96]"
      })
  void rejectsBadValuesNamingTheKey(String key, String value, String message) {
    Configuration m = minimal();
    m.set(key, value);
    assertThatThrownBy(() -> CompactionConfig.from(m)).hasMessage(message);
  }

  /** The README's settings table lists exactly the declared keys. */
  @Test
  void readmeTableListsEveryKey() throws Exception {
    java.util.Set<String> documented = new java.util.TreeSet<>();
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("README.md"))) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^\\| `(pcap2hdfs\\.compaction\\.[\\w.]+)` \\|")
              .matcher(line);
      if (m.find()) {
        documented.add(m.group(1));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(CompactionConfig.KEYS);
  }

  @Test
  void jdbcModeNeedsAUrl() {
    Configuration m = minimal();
    m.set(CompactionConfig.IMPALA_MODE, "jdbc");
    assertThatThrownBy(() -> CompactionConfig.from(m))
        .hasMessage(
            "pcap2hdfs.compaction.impala.jdbc.url=: must be a jdbc: URL when impala.mode=jdbc");
  }

  @Test
  void explicitPartitionsMustBePartitionPaths() {
    assertThatThrownBy(
            () ->
                PartitionFilter.of(
                    java.util.List.of("2024-03-05"),
                    java.time.Duration.ZERO,
                    java.time.Clock.systemUTC()))
        .hasMessage(
            "pcap2hdfs.compaction.partitions: '2024-03-05' is not year=Y/month=M/day=D or"
                + " year=Y/month=M/day=D/server=S");
  }

  @Test
  void closedMeansTheDayEndedAtLeastTheGraceAgo() {
    PartitionFilter f =
        PartitionFilter.of(
            java.util.List.of(),
            java.time.Duration.ofMinutes(120),
            java.time.Clock.fixed(
                java.time.Instant.parse("2024-03-06T02:00:00Z"), java.time.ZoneOffset.UTC));
    assertThat(f.accept(new Partition(2024, 3, 5, "ns1"))).isTrue();
    assertThat(f.accept(new Partition(2024, 3, 6, "ns1"))).isFalse();
    PartitionFilter early =
        PartitionFilter.of(
            java.util.List.of(),
            java.time.Duration.ofMinutes(120),
            java.time.Clock.fixed(
                java.time.Instant.parse("2024-03-06T01:59:59Z"), java.time.ZoneOffset.UTC));
    assertThat(early.accept(new Partition(2024, 3, 5, "ns1"))).isFalse();
  }
}
