package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.impala.PendingPartitions;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;

class RetentionAndMainTest {
  @TempDir Path tmp;

  private org.apache.hadoop.fs.Path hp(String rel) {
    return new org.apache.hadoop.fs.Path(tmp.resolve(rel).toUri());
  }

  /** Partitions before today - N go, with their archived Avro; Impala gets DROP markers. */
  @Test
  void retentionDropsOldPartitionsAndArchivedAvro() throws Exception {
    Configuration c = new Configuration();
    FileSystem fs = FileSystem.getLocal(c).getRawFileSystem();
    for (String d : List.of("day=1", "day=2", "day=3")) {
      Files.createDirectories(tmp.resolve("warehouse/year=2024/month=3/" + d + "/server=ns1"));
      Files.writeString(
          tmp.resolve("warehouse/year=2024/month=3/" + d + "/server=ns1/part-x.parquet"), "x");
      Files.createDirectories(tmp.resolve("archive/year=2024/month=3/" + d + "/server=ns1"));
      Files.writeString(tmp.resolve("archive/year=2024/month=3/" + d + "/server=ns1/a.avro"), "x");
    }
    // Today is 2024-03-05: with 3 days kept, days before 2024-03-02 go.
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.ARCHIVE_DIR, tmp.resolve("archive").toUri().toString());
    c.set(CompactionConfig.RETENTION_DAYS, "3");
    c.set(CompactionConfig.IMPALA_MODE, "jdbc");
    c.set(CompactionConfig.IMPALA_JDBC_URL, "jdbc:none");
    Clock clock = Clock.fixed(Instant.parse("2024-03-05T12:00:00Z"), ZoneOffset.UTC);
    RunReport r = new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();

    assertThat(r.dropped()).containsExactly(new Partition(2024, 3, 1, "ns1"));
    assertThat(tmp.resolve("warehouse/year=2024/month=3/day=1/server=ns1")).doesNotExist();
    assertThat(tmp.resolve("archive/year=2024/month=3/day=1/server=ns1")).doesNotExist();
    assertThat(tmp.resolve("warehouse/year=2024/month=3/day=2/server=ns1/part-x.parquet")).exists();
    assertThat(tmp.resolve("archive/year=2024/month=3/day=2/server=ns1/a.avro")).exists();
    PendingPartitions pending = new PendingPartitions(fs, hp("warehouse/_compaction/impala"));
    assertThat(pending.dropped()).containsExactly(new Partition(2024, 3, 1, "ns1"));
    assertThat(pending.added()).isEmpty();
  }

  /**
   * The main reads oozie.action.conf.xml, archives processed Avro instead of deleting it, and
   * writes the capture-output properties.
   */
  @Test
  void mainReadsTheActionConfAndWritesCaptureOutput() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    SyntheticRows g = new SyntheticRows(4, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(
        fs,
        hp("staging/year=2024/month=3/day=5/server=ns1/a.avro"),
        g::fill,
        0,
        50,
        CodecFactory.snappyCodec());
    Path actionConf = tmp.resolve("oozie.action.conf.xml");
    Files.writeString(
        actionConf,
        "<configuration>\n"
            + prop(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString())
            + prop(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString())
            + prop(CompactionConfig.ARCHIVE_DIR, tmp.resolve("archive").toUri().toString())
            + prop(CompactionConfig.GRACE_MINUTES, "0")
            + "</configuration>\n",
        StandardCharsets.UTF_8);
    Path output = tmp.resolve("output.properties");
    System.setProperty(ConfigLoader.OOZIE_ACTION_CONF, actionConf.toString());
    System.setProperty(CompactionMain.OOZIE_OUTPUT, output.toString());
    try {
      CompactionMain.main(new String[] {"compact"});
    } finally {
      System.clearProperty(ConfigLoader.OOZIE_ACTION_CONF);
      System.clearProperty(CompactionMain.OOZIE_OUTPUT);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(output)) {
      p.load(in);
    }
    assertThat(p.getProperty("publishedCount")).isEqualTo("1");
    assertThat(p.getProperty("published")).isEqualTo("year=2024/month=3/day=5/server=ns1");
    assertThat(p.getProperty("rowsIn")).isEqualTo("50");
    assertThat(p.getProperty("rowsOut")).isEqualTo("50");
    assertThat(p.getProperty("files")).isEqualTo("1");
    assertThat(p.getProperty("impalaScript")).isEmpty();
    assertThat(tmp.resolve("archive/year=2024/month=3/day=5/server=ns1/a.avro")).exists();
    assertThat(tmp.resolve("staging/year=2024/month=3/day=5/server=ns1")).doesNotExist();
  }

  /**
   * A partition with an unreadable file does not fail the compact action when Oozie captures its
   * output: the output names it (failedCount, failed, failure) next to what was published, so the
   * workflow still tells Impala about the published partitions before it fails. Without Oozie (a
   * local run) it is thrown.
   */
  @Test
  void mainReportsFailedPartitionsInTheCaptureOutput() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    SyntheticRows g = new SyntheticRows(4, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(
        fs,
        hp("staging/year=2024/month=3/day=5/server=ns1/a.avro"),
        g::fill,
        0,
        50,
        CodecFactory.snappyCodec());
    Files.createDirectories(tmp.resolve("staging/year=2024/month=3/day=5/server=ns2"));
    Files.writeString(tmp.resolve("staging/year=2024/month=3/day=5/server=ns2/b.avro"), "junk");
    Path actionConf = tmp.resolve("oozie.action.conf.xml");
    Files.writeString(
        actionConf,
        "<configuration>\n"
            + prop(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString())
            + prop(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString())
            + prop(CompactionConfig.GRACE_MINUTES, "0")
            + "</configuration>\n",
        StandardCharsets.UTF_8);
    Path output = tmp.resolve("output.properties");
    System.setProperty(ConfigLoader.OOZIE_ACTION_CONF, actionConf.toString());
    try {
      System.setProperty(CompactionMain.OOZIE_OUTPUT, output.toString());
      try {
        CompactionMain.main(new String[] {"compact"});
      } finally {
        System.clearProperty(CompactionMain.OOZIE_OUTPUT);
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(output)) {
        p.load(in);
      }
      assertThat(p.getProperty("publishedCount")).isEqualTo("1");
      assertThat(p.getProperty("published")).isEqualTo("year=2024/month=3/day=5/server=ns1");
      assertThat(p.getProperty("failedCount")).isEqualTo("1");
      assertThat(p.getProperty("failed")).isEqualTo("year=2024/month=3/day=5/server=ns2");
      assertThat(p.getProperty("failure"))
          .startsWith("cannot read staged Avro file:")
          .contains("/server=ns2/b.avro after 0 records: ");
      assertThat(tmp.resolve("warehouse/year=2024/month=3/day=5/server=ns1")).exists();
      assertThat(tmp.resolve("staging/year=2024/month=3/day=5/server=ns2/b.avro")).exists();

      // A local run (no Oozie output) fails with the file's message.
      assertThatThrownBy(() -> CompactionMain.main(new String[] {"compact"}))
          .isInstanceOf(StagedFileException.class)
          .hasMessageContaining("/server=ns2/b.avro after 0 records: ");
    } finally {
      System.clearProperty(ConfigLoader.OOZIE_ACTION_CONF);
    }
  }

  private static String prop(String k, String v) {
    return "<property><name>" + k + "</name><value>" + v + "</value></property>\n";
  }
}
