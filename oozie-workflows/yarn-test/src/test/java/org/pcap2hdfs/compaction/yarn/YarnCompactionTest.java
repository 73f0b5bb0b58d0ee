package org.pcap2hdfs.compaction.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;
import org.pcap2hdfs.testing.RowDiff;

/**
 * The compaction's MapReduce engine on a real YARN + HDFS: three partitions, one of them cut into
 * slices, compacted by map tasks running in parallel in their own JVMs; one task attempt killed
 * while it writes Parquet and retried; a whole job killed; a driver that fails kills its job.
 * Afterwards every staged row is in the warehouse exactly once, equal to what was staged in every
 * column.
 */
@Timeout(600)
class YarnCompactionTest {
  private static final long DAY5_US = 1_709_596_800_000_000L; // 2024-03-05T00:00Z
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-07T03:00:00Z"), ZoneOffset.UTC);
  private static final String DAY = "year=2024/month=3/day=5";

  @TempDir static Path tmp;
  private static YarnMiniCluster cluster;
  private static FileSystem fs;

  @BeforeAll
  static void start() throws IOException {
    cluster = YarnMiniCluster.start("yarn-compaction");
    fs = cluster.fs();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  /** What a test staged: its generators and row ranges per server, and the slice size. */
  private static final class Staged {
    final SortedMap<String, Map<String, Object>> expected = new TreeMap<>();
    long rows;
    long sliceBytes;
    int slices;
  }

  /**
   * Stages ns1 (40,000 rows in two files that share 4,000: a re-delivery), ns2 and ns3 (16,000
   * each); the slice size makes ns1 several slices and the others one each.
   */
  private static Staged stage(String root) throws IOException {
    Staged s = new Staged();
    SyntheticRows g1 = new SyntheticRows(31, DAY5_US, 800_000, "ns1");
    SyntheticRows g2 = new SyntheticRows(32, DAY5_US, 2_000_000, "ns2");
    SyntheticRows g3 = new SyntheticRows(33, DAY5_US, 2_000_000, "ns3");
    put(root, "ns1", "a.avro", g1, 0, 24_000);
    put(root, "ns1", "b.avro", g1, 20_000, 40_000);
    put(root, "ns2", "c.avro", g2, 0, 16_000);
    put(root, "ns3", "d.avro", g3, 0, 16_000);
    WarehouseRows.add(s.expected, "ns1", g1, 0, 40_000);
    WarehouseRows.add(s.expected, "ns2", g2, 0, 16_000);
    WarehouseRows.add(s.expected, "ns3", g3, 0, 16_000);
    s.rows = 72_000; // distinct rows: 76,000 staged less the 4,000 copies
    long ns1 = bytes(root, "ns1");
    s.sliceBytes = Math.max(bytes(root, "ns2"), bytes(root, "ns3"));
    s.slices = 2 + (int) ((ns1 + s.sliceBytes - 1) / s.sliceBytes);
    assertThat(s.slices).as("ns1 in several slices, ns2 and ns3 in one").isGreaterThanOrEqualTo(4);
    return s;
  }

  private static void put(
      String root, String server, String name, SyntheticRows g, long from, long to)
      throws IOException {
    StagedAvro.write(
        fs,
        p(root + "/staging/" + DAY + "/server=" + server + "/" + name),
        g::fill,
        from,
        to,
        CodecFactory.snappyCodec());
  }

  private static long bytes(String root, String server) throws IOException {
    return fs.getContentSummary(p(root + "/staging/" + DAY + "/server=" + server)).getLength();
  }

  private static Configuration conf(String root, Staged s) {
    Configuration c = cluster.conf();
    c.set(CompactionConfig.STAGING_DIR, root + "/staging");
    c.set(CompactionConfig.WAREHOUSE_DIR, root + "/warehouse");
    c.set(CompactionConfig.ENGINE, "mapreduce");
    c.setInt(CompactionConfig.TASKS, 2);
    c.setInt(CompactionConfig.TASK_MEMORY_MB, 512);
    c.setLong(CompactionConfig.SLICE_BYTES, s.sliceBytes);
    c.set(CompactionConfig.SORT_BUFFER_SIZE, "16m");
    // small files: every task closes several while it runs, so it can be caught mid-write
    c.set(CompactionConfig.TARGET_FILE_SIZE, "256k");
    return c;
  }

  @Test
  void partitionsCompactInParallelTasksAndAKilledAttemptIsRetried() throws Exception {
    String root = "/parallel";
    Staged s = stage(root);
    AtomicReference<Job> job = new AtomicReference<>();
    AtomicReference<TaskAttemptID> killed = new AtomicReference<>();
    CompletableFuture<Void> killer = new CompletableFuture<>();
    CompactionHooks killOneAttempt =
        (step, detail) -> {
          if (step != Step.JOB_SUBMITTED) {
            return;
          }
          Job j = job(detail);
          job.set(j);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      TaskAttemptID w = awaitAttemptWritingParquet(j, root);
                      TaskAttempts.kill(j, w);
                      killed.set(w);
                      killer.complete(null);
                    } catch (Throwable e) {
                      killer.completeExceptionally(e);
                    }
                  },
                  "attempt-killer");
          t.setDaemon(true);
          t.start();
        };

    RunReport r = new Compactor(CompactionConfig.from(conf(root, s)), CLOCK, killOneAttempt).run();
    killer.get(1, TimeUnit.MINUTES);

    Job j = job.get();
    assertThat(j.getJobState()).isEqualTo(JobStatus.State.SUCCEEDED);
    TaskReport[] tasks = j.getTaskReports(TaskType.MAP);
    assertThat(tasks).as("one map task per slice").hasSize(s.slices);
    Map<String, String> attempts = TaskAttempts.attempts(j, killed.get().getTaskID());
    assertThat(attempts).containsEntry(killed.get().toString(), "KILLED");
    assertThat(attempts).containsValue("SUCCEEDED").hasSizeGreaterThanOrEqualTo(2);
    assertThat(overlapping(tasks)).as("two map tasks ran at the same time").isTrue();

    assertThat(r.rowsOut()).isEqualTo(s.rows);
    assertThat(r.duplicates()).isEqualTo(4_000);
    assertThat(r.published()).hasSize(3);
    assertWarehouseHoldsExactly(root, s);
    assertThat(MiniDfs.files(fs, p(root + "/staging"))).as("staged files consumed").isEmpty();
  }

  @Test
  void aKilledJobLeavesNothingVisibleAndTheRerunEndsWithEachRowOnce() throws Exception {
    String root = "/killed";
    Staged s = stage(root);
    List<String> stagingBefore = MiniDfs.snapshot(fs, p(root + "/staging"));
    CompactionHooks killTheJob =
        (step, detail) -> {
          if (step != Step.JOB_SUBMITTED) {
            return;
          }
          Job j = job(detail);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      awaitAttemptWritingParquet(j, root);
                      j.killJob();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  },
                  "job-killer");
          t.setDaemon(true);
          t.start();
        };

    assertThatThrownBy(
            () -> new Compactor(CompactionConfig.from(conf(root, s)), CLOCK, killTheJob).run())
        .isInstanceOf(CompactionException.class)
        .hasMessageContaining("ended KILLED")
        .hasMessageContaining("nothing was published");
    assertThat(fs.exists(p(root + "/warehouse/year=2024"))).isFalse();
    assertThat(fs.exists(p(root + "/warehouse/_compaction/committed")))
        .as("nothing committed")
        .isFalse();
    assertThat(MiniDfs.snapshot(fs, p(root + "/staging"))).isEqualTo(stagingBefore);

    RunReport r =
        new Compactor(CompactionConfig.from(conf(root, s)), CLOCK, CompactionHooks.NONE).run();
    assertThat(r.rowsOut()).isEqualTo(s.rows);
    assertWarehouseHoldsExactly(root, s);
  }

  /** A driver that fails while its job runs (here: a hook throws) kills the job on its way out. */
  @Test
  void aDriverThatFailsTakesItsJobWithIt() throws Exception {
    String root = "/driver";
    Staged s = stage(root);
    List<String> stagingBefore = MiniDfs.snapshot(fs, p(root + "/staging"));
    AtomicReference<String> jobId = new AtomicReference<>();
    CompactionHooks crash =
        (step, detail) -> {
          if (step == Step.JOB_SUBMITTED) {
            jobId.set(detail);
            throw new IOException("simulated driver crash");
          }
        };

    assertThatThrownBy(
            () -> new Compactor(CompactionConfig.from(conf(root, s)), CLOCK, crash).run())
        .hasMessageContaining("simulated driver crash");
    Job j = job(jobId.get());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!j.isComplete() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(j.getJobState()).isEqualTo(JobStatus.State.KILLED);
    assertThat(fs.exists(p(root + "/warehouse/year=2024"))).isFalse();
    assertThat(MiniDfs.snapshot(fs, p(root + "/staging"))).isEqualTo(stagingBefore);
  }

  /**
   * A running map attempt that has closed at least one Parquet file in its work directory ({@code
   * <work>/tmp/<run>/out/_temporary/<n>/_temporary/attempt_.../<txn>/<partition>/}): one caught in
   * the middle of writing its slice.
   */
  private static TaskAttemptID awaitAttemptWritingParquet(Job job, String root) throws Exception {
    org.apache.hadoop.fs.Path attempts =
        p(root + "/warehouse/_compaction/tmp/*/out/_temporary/*/_temporary/attempt_*");
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline && !job.isComplete()) {
      FileStatus[] found = fs.globStatus(attempts);
      for (FileStatus a : found == null ? new FileStatus[0] : found) {
        if (hasClosedParquet(a.getPath())) {
          TaskAttemptID id = TaskAttemptID.forName(a.getPath().getName());
          if (TaskAttempts.running(job).stream()
              .anyMatch(r -> r.toString().equals(id.toString()))) {
            return id;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        job.getJobID() + " ended (" + job.getJobState() + ") before an attempt was seen writing");
  }

  private static boolean hasClosedParquet(org.apache.hadoop.fs.Path dir) throws IOException {
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        if (f.getPath().getName().endsWith(".parquet") && f.getLen() > 0) {
          return true;
        }
      }
    } catch (java.io.FileNotFoundException e) {
      // the attempt committed or was cleaned up meanwhile
    }
    return false;
  }

  private static void assertWarehouseHoldsExactly(String root, Staged s) throws Exception {
    assertThat(fs.exists(p(root + "/warehouse/_compaction/tmp"))).isFalse();
    assertThat(fs.listStatus(p(root + "/warehouse/_compaction/committed"))).isEmpty();
    Path local = MiniDfs.copyToLocal(fs, p(root + "/warehouse"), tmp);
    try (Duck duck = new Duck()) {
      String t = "read_parquet('" + local + "/*/*/*/*/*.parquet', hive_partitioning = true)";
      // read() fails on an event_id seen twice
      RowDiff.assertSame(WarehouseRows.read(duck, t), s.expected);
      assertThat(duck.rows("SELECT count(*) FROM " + t))
          .containsExactly(List.of(Long.toString(s.rows)));
    }
  }

  private static boolean overlapping(TaskReport[] tasks) {
    List<long[]> spans = new ArrayList<>();
    for (TaskReport t : tasks) {
      spans.add(new long[] {t.getStartTime(), t.getFinishTime()});
    }
    for (int i = 0; i < spans.size(); i++) {
      for (int k = i + 1; k < spans.size(); k++) {
        if (spans.get(i)[0] < spans.get(k)[1] && spans.get(k)[0] < spans.get(i)[1]) {
          return true;
        }
      }
    }
    return false;
  }

  private static Job job(String id) throws IOException {
    try {
      return new Cluster(cluster.conf()).getJob(JobID.forName(id));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static org.apache.hadoop.fs.Path p(String path) {
    return new org.apache.hadoop.fs.Path(path);
  }
}
