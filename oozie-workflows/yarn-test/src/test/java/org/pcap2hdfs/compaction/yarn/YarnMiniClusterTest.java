package org.pcap2hdfs.compaction.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.IOUtils;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;

/**
 * The harness runs real MapReduce jobs on YARN (map tasks in their own JVMs, side files published
 * by the FileOutputCommitter, a killed attempt retried) and our compaction code links against the
 * unshaded Hadoop it brings.
 */
@Timeout(300)
class YarnMiniClusterTest {
  private static final long DAY5_US = 1_709_596_800_000_000L; // 2024-03-05T00:00Z
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-07T03:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path tmp;
  private static YarnMiniCluster cluster;
  private static FileSystem fs;

  @BeforeAll
  static void start() throws IOException {
    cluster = YarnMiniCluster.start("yarn-mini");
    fs = cluster.fs();
    System.out.println("YARN + HDFS minicluster started in " + cluster.startMillis() + " ms");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      System.out.println("YARN + HDFS minicluster stopped in " + cluster.stop() + " ms");
    }
  }

  private static org.apache.hadoop.fs.Path p(String path) {
    return new org.apache.hadoop.fs.Path(path);
  }

  private static void put(String file, List<String> lines) throws IOException {
    try (OutputStream out = fs.create(p(file), false)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> lines(String file) throws IOException {
    try (var in = fs.open(p(file))) {
      byte[] bytes = IOUtils.readFullyToByteArray(in);
      return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }
  }

  private static Job sideFileJob(String in, String out, Configuration conf) throws IOException {
    Job job = Job.getInstance(conf, "side files " + in);
    job.setMapperClass(SideFileMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    FileInputFormat.addInputPath(job, p(in));
    // Only the side files: no empty part-m-* files.
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, p(out));
    return job;
  }

  private static List<String> upper(List<String> lines) {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(l.toUpperCase(java.util.Locale.ROOT)));
    return out;
  }

  @Test
  void mapOnlyJobPublishesEachTasksSideFileThroughTheCommitter() throws Exception {
    Map<String, List<String>> inputs = new TreeMap<>();
    inputs.put("a.txt", List.of("alpha", "beta"));
    inputs.put("b.txt", List.of("gamma"));
    inputs.put("c.txt", List.of("delta", "epsilon", "zeta"));
    for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
      put("/smoke/in/" + e.getKey(), e.getValue());
    }

    Job job = sideFileJob("/smoke/in", "/smoke/out", cluster.conf());
    assertThat(job.waitForCompletion(false)).as(TaskAttempts.diagnostics(job)).isTrue();

    assertThat(MiniDfs.files(fs, p("/smoke/out")).keySet())
        .containsExactly("_SUCCESS", "a.txt.out", "b.txt.out", "c.txt.out");
    for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
      List<String> got = lines("/smoke/out/" + e.getKey() + ".out");
      assertThat(got.get(0)).matches("attempt_\\d+_\\d+_m_00000[0-2]_0");
      assertThat(got.subList(1, got.size())).isEqualTo(upper(e.getValue()));
    }
    TaskReport[] maps = job.getTaskReports(TaskType.MAP);
    assertThat(maps).hasSize(3);
    // The NodeManager runs tasks side by side: at least two of them overlapped in time.
    long lastStart = Arrays.stream(maps).mapToLong(TaskReport::getStartTime).max().getAsLong();
    long firstFinish = Arrays.stream(maps).mapToLong(TaskReport::getFinishTime).min().getAsLong();
    Arrays.sort(maps, (x, y) -> Long.compare(x.getStartTime(), y.getStartTime()));
    assertThat(maps[1].getStartTime())
        .as("second task start vs first finish (%s..%s)", lastStart, firstFinish)
        .isLessThan(maps[0].getFinishTime());
  }

  @Test
  void attemptKilledMidWriteIsRetriedAndLeavesNothing() throws Exception {
    put("/kill/in/fast.txt", List.of("one", "two"));
    put("/kill/in/slow.txt", List.of("three", "four", "five"));
    Configuration conf = cluster.conf();
    conf.set(SideFileMapper.SLOW_INPUT, "slow.txt");
    Job job = sideFileJob("/kill/in", "/kill/out", conf);
    job.submit();

    TaskAttempts.Writing writing =
        TaskAttempts.awaitWriting(
            job, fs, p("/kill/out"), "slow.txt.out", 1, Duration.ofSeconds(90));
    assertThat(writing.attempt.getId()).isZero();
    TaskAttempts.kill(job, writing.attempt);
    assertThat(job.waitForCompletion(false)).as(TaskAttempts.diagnostics(job)).isTrue();

    assertThat(job.getJobState()).isEqualTo(JobStatus.State.SUCCEEDED);
    String retry = new TaskAttemptID(writing.attempt.getTaskID(), 1).toString();
    assertThat(TaskAttempts.attempts(job, writing.attempt.getTaskID()))
        .containsExactly(
            Map.entry(writing.attempt.toString(), "KILLED"), Map.entry(retry, "SUCCEEDED"));
    // Only the retry's file, whole; nothing of the killed attempt anywhere under the output.
    assertThat(MiniDfs.files(fs, p("/kill/out")).keySet())
        .containsExactly("_SUCCESS", "fast.txt.out", "slow.txt.out");
    assertThat(lines("/kill/out/slow.txt.out")).containsExactly(retry, "THREE", "FOUR", "FIVE");
    assertThat(fs.exists(p("/kill/out/_temporary"))).isFalse();
    assertThat(lines("/kill/out/fast.txt.out").subList(1, 3)).containsExactly("ONE", "TWO");
  }

  @Test
  void onlyTheUnshadedHadoopIsOnTheClasspath() throws Exception {
    // hadoop-client-api has the same class names: both on one classpath, one would shadow the
    // other.
    List<URL> configurations =
        Collections.list(
            getClass().getClassLoader().getResources("org/apache/hadoop/conf/Configuration.class"));
    assertThat(configurations).hasSize(1);
    assertThat(configurations.get(0).toString()).contains("/hadoop-common-3.3.6.jar!");
    assertThat(getClass().getClassLoader().getResource("org/apache/hadoop/shaded")).isNull();
  }

  @Test
  void compactionRunsOnTheUnshadedHadoop() throws Exception {
    // Our code is compiled against hadoop-client-api; here it runs on the unshaded jars.
    String partition = "year=2024/month=3/day=5/server=ns1";
    SyntheticRows rows = new SyntheticRows(1, DAY5_US, 86_400_000_000L / 4_000, "ns1");
    String staged = "/compaction/staging/" + partition;
    StagedAvro.write(fs, p(staged + "/a.avro"), rows::fill, 0, 3_000, CodecFactory.snappyCodec());
    StagedAvro.write(fs, p(staged + "/b.avro"), rows::fill, 2_000, 4_000, CodecFactory.nullCodec());
    Configuration c = cluster.conf();
    c.set(CompactionConfig.STAGING_DIR, "/compaction/staging");
    c.set(CompactionConfig.WAREHOUSE_DIR, "/compaction/warehouse");
    c.set(CompactionConfig.SPILL_DIR, tmp.resolve("spill").toString());
    c.set(CompactionConfig.IMPALA_MODE, "shell");

    RunReport report = new Compactor(CompactionConfig.from(c), CLOCK, CompactionHooks.NONE).run();

    assertThat(report.rowsIn()).isEqualTo(5_000);
    assertThat(report.duplicates()).isEqualTo(1_000);
    assertThat(WarehouseRows.readEventColumns(fs, p("/compaction/warehouse/" + partition)))
        .isEqualTo(WarehouseRows.eventColumns(rows, 0, 4_000));
  }
}
