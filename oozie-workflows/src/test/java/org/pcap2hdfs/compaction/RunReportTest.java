package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private static Partition partition(int day, int server) {
    return Partition.parse(
        "year=2024/month=12/day=" + day + "/server=nameserver-" + server + ".example.net");
  }

  private static byte[] stored(Properties p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactionMain.store(p, out);
    return out.toByteArray();
  }

  private static Properties load(byte[] bytes) throws Exception {
    Properties p = new Properties();
    p.load(new ByteArrayInputStream(bytes));
    return p;
  }

  /**
   * Oozie refuses action output over 2048 bytes (oozie.action.max.output.data): with hundreds of
   * partitions in every list, long failure messages (with the '=' and ':' that store escapes) and
   * long Impala paths, the stored output stays within it; counts stay whole, lists and the message
   * are cut with "...".
   */
  @Test
  void theStoredOutputOfARunWithManyPartitionsStaysWithinOoziesLimit() throws Exception {
    RunReport r = new RunReport("20241231T030000Z-abcdef");
    int n = 0;
    for (int day = 1; day <= 28; day++) {
      for (int server = 1; server <= 20; server++) {
        Partition p = partition(day, server);
        switch (n++ % 4) {
          case 0:
            r.published(p, 3);
            break;
          case 1:
            r.deferred(p, 1);
            break;
          case 2:
            r.failed(
                p,
                new StagedFileException(
                    "cannot read staged Avro hdfs://namenode-host.example.net:8020/data/dns/staging/"
                        + p.relativePath()
                        + "/_agent-é.1709596800000.avro.tmp after 0 records: java.io.IOException:"
                        + " not an Avro object container file (bad magic)"));
            break;
          default:
            r.dropped(List.of(p));
        }
      }
    }
    String batch =
        "hdfs://namenode-host.example.net:8020/data/dns/warehouse/queries/_compaction/impala/"
            + "pending/20241231T030000Z-abcdef";
    r.impalaBatch(batch, batch + "/statements.sql");

    byte[] bytes = stored(r.toProperties());

    assertThat(bytes.length).isLessThanOrEqualTo(RunReport.MAX_OUTPUT_BYTES);
    Properties p = load(bytes);
    assertThat(p)
        .containsEntry("publishedCount", "140")
        .containsEntry("deferredCount", "140")
        .containsEntry("failedCount", "140")
        .containsEntry("droppedCount", "140")
        .containsEntry("impalaBatch", batch)
        .containsEntry("impalaScript", batch + "/statements.sql");
    assertThat(p.getProperty("failure"))
        .startsWith("140 partitions failed:\n  cannot read staged Avro hdfs://")
        .endsWith("...");
    assertThat(p.getProperty("failed"))
        .startsWith(partition(1, 3).relativePath() + ",")
        .endsWith(",...");
    for (String list : new String[] {"published", "deferred", "dropped"}) {
      assertThat(p.getProperty(list)).as(list).endsWith("...");
    }
  }

  /** A small run's output is whole: every list, the failure message, nothing cut. */
  @Test
  void aSmallRunsOutputIsWhole() throws Exception {
    RunReport r = new RunReport("r");
    r.published(partition(1, 1), 1);
    r.published(partition(1, 2), 1);
    r.deferred(partition(2, 1), 1);
    r.failed(partition(3, 1), new StagedFileException("cannot read staged Avro x: bad magic"));
    r.dropped(List.of(partition(4, 1)));
    Properties p = load(stored(r.toProperties()));
    assertThat(p)
        .containsEntry(
            "published", partition(1, 1).relativePath() + "," + partition(1, 2).relativePath())
        .containsEntry("deferred", partition(2, 1).relativePath())
        .containsEntry("failedCount", "1")
        .containsEntry("failed", partition(3, 1).relativePath())
        .containsEntry("failure", "cannot read staged Avro x: bad magic")
        .containsEntry("dropped", partition(4, 1).relativePath());
    Properties none = load(stored(new RunReport("r").toProperties()));
    assertThat(none).containsEntry("failedCount", "0").containsEntry("failed", "");
    assertThat(none).containsEntry("failure", "");
  }
}
