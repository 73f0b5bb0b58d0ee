package org.pcap2hdfs.compaction.yarn;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;

/**
 * Compaction throughput of the MapReduce engine on a YARN + HDFS minicluster on this machine: K
 * partitions of staged Snappy Avro compacted with 1, then 2 parallel map tasks, each pass a full
 * {@link Compactor} run (plan, job, commit, publish, archive; the archived Avro is moved back
 * between passes). Prints the run's wall time and rows/s, and each task's own rows/s (its attempt's
 * start to finish, JVM start included). Not a unit test:
 *
 * <pre>
 * YarnCompactionBenchmark [--rows N] [--partitions K] [--passes P] [--tasks 1,2] [-D key=value]...
 * </pre>
 */
public final class YarnCompactionBenchmark {
  private static final String DAY = "year=2024/month=3/day=5";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-07T03:00:00Z"), ZoneOffset.UTC);

  public static void main(String[] args) throws Exception {
    long rows = 4_000_000;
    int partitions = 2;
    int passes = 3;
    List<Integer> taskCounts = List.of(1, 2);
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows":
          rows = Long.parseLong(args[++i]);
          break;
        case "--partitions":
          partitions = Integer.parseInt(args[++i]);
          break;
        case "--passes":
          passes = Integer.parseInt(args[++i]);
          break;
        case "--tasks":
          taskCounts = new ArrayList<>();
          for (String t : args[++i].split(",")) {
            taskCounts.add(Integer.parseInt(t));
          }
          break;
        case "-D":
          extra.add(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (YarnMiniCluster cluster = YarnMiniCluster.start("yarn-bench")) {
      FileSystem fs = cluster.fs();
      long t0 = System.nanoTime();
      long perPartition = rows / partitions;
      for (int k = 0; k < partitions; k++) {
        SyntheticRows g =
            new SyntheticRows(
                k + 1, 1_709_596_800_000_000L, 86_400_000_000L / perPartition, "ns" + (k + 1));
        for (long from = 0; from < perPartition; from += 1_000_000) {
          StagedAvro.write(
              fs,
              new Path(
                  "/bench/staging/" + DAY + "/server=ns" + (k + 1) + "/agent." + from + ".avro"),
              g::fill,
              from,
              Math.min(perPartition, from + 1_000_000),
              CodecFactory.snappyCodec());
        }
      }
      long staged = fs.getContentSummary(new Path("/bench/staging")).getLength();
      System.out.printf(
          Locale.ROOT,
          "input: %,d rows in %d partitions, %,d bytes of Snappy Avro on HDFS, staged in %.1f s;"
              + " cluster up in %,d ms%n",
          perPartition * partitions,
          partitions,
          staged,
          (System.nanoTime() - t0) / 1e9,
          cluster.startMillis());
      for (int tasks : taskCounts) {
        double[] rates = new double[passes];
        for (int pass = -1; pass < passes; pass++) {
          Configuration c = cluster.conf();
          c.set(CompactionConfig.STAGING_DIR, "/bench/staging");
          c.set(CompactionConfig.WAREHOUSE_DIR, "/bench/warehouse");
          c.set(CompactionConfig.ARCHIVE_DIR, "/bench/archive");
          c.set(CompactionConfig.ENGINE, "mapreduce");
          c.setInt(CompactionConfig.TASKS, tasks);
          c.setInt(CompactionConfig.TASK_MEMORY_MB, 1536);
          for (String kv : extra) {
            c.set(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
          }
          fs.delete(new Path("/bench/warehouse"), true);
          String[] jobId = new String[1];
          CompactionHooks hooks =
              (step, detail) -> {
                if (step == Step.JOB_SUBMITTED) {
                  jobId[0] = detail;
                }
              };
          long start = System.nanoTime();
          RunReport r = new Compactor(CompactionConfig.from(c), CLOCK, hooks).run();
          double secs = (System.nanoTime() - start) / 1e9;
          if (r.rowsOut() != perPartition * partitions) {
            throw new IllegalStateException("wrote " + r.rowsOut() + " rows");
          }
          for (int k = 0; k < partitions; k++) {
            String part = DAY + "/server=ns" + (k + 1);
            fs.rename(new Path("/bench/archive/" + part), new Path("/bench/staging/" + part));
          }
          Job job = new Cluster(cluster.conf()).getJob(JobID.forName(jobId[0]));
          StringBuilder perTask = new StringBuilder();
          for (TaskReport t : job.getTaskReports(TaskType.MAP)) {
            double taskSecs = (t.getFinishTime() - t.getStartTime()) / 1e3;
            perTask.append(
                String.format(
                    Locale.ROOT, " %.1f s (%,.0f rows/s)", taskSecs, perPartition / taskSecs));
          }
          System.out.printf(
              Locale.ROOT,
              "tasks=%d pass %s: %.2f s, %,.0f rows/s; map tasks:%s%n",
              tasks,
              pass < 0 ? "warm-up" : Integer.toString(pass + 1),
              secs,
              r.rowsOut() / secs,
              perTask);
          if (pass >= 0) {
            rates[pass] = r.rowsOut() / secs;
          }
        }
        Arrays.sort(rates);
        System.out.printf(
            Locale.ROOT,
            "RESULT tasks=%d: rows/s min %,.0f median %,.0f max %,.0f over %d passes%n",
            tasks,
            rates[0],
            rates[rates.length / 2],
            rates[rates.length - 1],
            passes);
      }
    }
    System.exit(0);
  }

  private YarnCompactionBenchmark() {}
}
