package org.pcap2hdfs.compaction.yarn;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacitySchedulerConfiguration;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real YARN + HDFS on this machine: a one-DataNode MiniDFSCluster and a MiniMRYarnCluster (RM,
 * one NodeManager with the shuffle service, job history server) that runs MapReduce jobs in
 * containers of their own JVMs: an ApplicationMaster and at least two tasks at once. Everything
 * lives in {@code target/test/data/<name>/yarn-<n>/} (MiniYARNCluster's choice; deleted on close).
 * {@link #conf()} is a client configuration for submitting jobs and reaching the DFS.
 *
 * <pre>{@code
 * try (YarnMiniCluster yarn = YarnMiniCluster.start("compaction")) {
 *   StagedAvro.write(yarn.fs(), path, rows::fill, 0, n, codec);
 *   Job job = Job.getInstance(yarn.conf(), "compaction"); // ... mapper, input, output
 *   job.submit();
 *   TaskAttempts.Writing w = TaskAttempts.awaitWriting(job, yarn.fs(), out, name, 0, timeout);
 *   TaskAttempts.kill(job, w.attempt);
 *   assertThat(job.waitForCompletion(false)).as(TaskAttempts.diagnostics(job)).isTrue();
 * }
 * }</pre>
 *
 * <p>The task JVMs run on this JVM's classpath (MiniYARNCluster passes it on), so a job needs no
 * job jar ("No job jar file set" is harmless here).
 */
public final class YarnMiniCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(YarnMiniCluster.class);

  /** NodeManager capacity: an AM (768 MB) and up to four 512 MB tasks. */
  static final int NM_MEMORY_MB = 4096;

  static final int NM_VCORES = 4;
  static final int AM_MEMORY_MB = 768;
  static final int TASK_MEMORY_MB = 512;

  private final Path dir;
  private final MiniDfs dfs;
  private final MiniMRYarnCluster yarn;
  private final Configuration clientConf;
  private final long startMillis;

  private YarnMiniCluster(Path dir, MiniDfs dfs, MiniMRYarnCluster yarn, long startMillis) {
    this.dir = dir;
    this.dfs = dfs;
    this.yarn = yarn;
    this.clientConf = new Configuration(yarn.getConfig());
    this.startMillis = startMillis;
  }

  /** Starts both clusters; {@code name}: letters, digits, '-'. */
  public static YarnMiniCluster start(String name) throws IOException {
    if (!Object.class.getModule().isOpen("java.lang", YarnMiniCluster.class.getModule())) {
      throw new IllegalStateException(
          "YARN's web apps need --add-opens=java.base/java.lang=ALL-UNNAMED on this JVM"
              + " (the yarn-test module's surefire argLine has it)");
    }
    long t0 = System.nanoTime();
    // MiniYARNCluster picks its directory (under test.build.data, default target/test/data, from
    // the working directory: the module under Maven): construct it first, then the DFS inside.
    MiniMRYarnCluster yarn = new MiniMRYarnCluster(name, 1);
    Path dir = yarn.getTestWorkDir().toPath().toAbsolutePath();
    MiniDfs dfs = new MiniDfs(dir.resolve("dfs"));
    try {
      yarn.init(yarnConf(dfs.conf()));
      yarn.start();
      if (!yarn.waitForNodeManagersToConnect(30_000)) {
        throw new IOException("the NodeManager did not register with the ResourceManager in 30 s");
      }
    } catch (Exception e) {
      shutDown(yarn, dfs, dir);
      throw e instanceof IOException ? (IOException) e : new IOException("YARN did not start", e);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    LOG.info("YARN + HDFS minicluster up in {} ms under {}", ms, dir);
    return new YarnMiniCluster(dir, dfs, yarn, ms);
  }

  private static Configuration yarnConf(Configuration dfsConf) {
    Configuration c = new Configuration(dfsConf);
    c.setInt(YarnConfiguration.NM_PMEM_MB, NM_MEMORY_MB);
    c.setInt(YarnConfiguration.NM_VCORES, NM_VCORES);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, NM_MEMORY_MB);
    // Container logs of a finished application deleted at once: else the NodeManager keeps the
    // application 3 hours and its stop waits 17 s for it. Task failures still reach the job
    // client (the attempt's diagnostics carry its exception).
    c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
    // The default 10 % of 4 GB is less than one AM: two jobs could not run at once.
    c.setFloat(CapacitySchedulerConfiguration.MAXIMUM_APPLICATION_MASTERS_RESOURCE_PERCENT, 0.5f);
    // Shorter heartbeats (default 1 s): containers are allocated on them, and the client polls.
    c.setInt(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200);
    c.setInt(MRJobConfig.MR_AM_TO_RM_HEARTBEAT_INTERVAL_MS, 200);
    c.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, 200);
    c.setInt(MRJobConfig.MR_AM_VMEM_MB, AM_MEMORY_MB);
    c.set(MRJobConfig.MR_AM_COMMAND_OPTS, "-Xmx512m");
    // The AM's and tasks' JVMs get the --add-opens of this one (the pom's argLine: what Java 17
    // needs for Hadoop 3.3), as admin options, which Hadoop puts before the job's own
    // mapreduce.map.java.opts etc.: a job that sets its own heap keeps them.
    String opens = moduleFlags();
    c.set(MRJobConfig.MR_AM_ADMIN_COMMAND_OPTS, opens);
    c.setInt(MRJobConfig.MAP_MEMORY_MB, TASK_MEMORY_MB);
    c.setInt(MRJobConfig.REDUCE_MEMORY_MB, TASK_MEMORY_MB);
    c.set(MRJobConfig.MAP_JAVA_OPTS, "-Xmx384m");
    c.set(MRJobConfig.REDUCE_JAVA_OPTS, "-Xmx384m");
    String taskAdmin = MRJobConfig.DEFAULT_MAPRED_ADMIN_JAVA_OPTS.trim() + " " + opens;
    c.set(MRJobConfig.MAPRED_MAP_ADMIN_JAVA_OPTS, taskAdmin);
    c.set(MRJobConfig.MAPRED_REDUCE_ADMIN_JAVA_OPTS, taskAdmin);
    return c;
  }

  /** The --add-opens/--add-exports flags this JVM was started with ({@code java17.opens}). */
  static String moduleFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens=") || a.startsWith("--add-exports="))
        .collect(Collectors.joining(" "));
  }

  /**
   * A client configuration: fs.defaultFS of the DFS, mapreduce.framework.name=yarn, the RM and
   * history server addresses, the staging dir, and the AM and task sizes and JVM options above. A
   * fresh copy each call.
   */
  public Configuration conf() {
    return new Configuration(clientConf);
  }

  public FileSystem fs() throws IOException {
    return dfs.fs();
  }

  /** The directory of both clusters (NodeManager logs in {@code <name>-logDir-nm-0_*}). */
  public Path dir() {
    return dir;
  }

  /** How long {@link #start} took. */
  public long startMillis() {
    return startMillis;
  }

  /** Stops YARN, then the DFS, and deletes the directory; returns how long that took. */
  public long stop() {
    long t0 = System.nanoTime();
    shutDown(yarn, dfs, dir);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    LOG.info("YARN + HDFS minicluster stopped in {} ms", ms);
    return ms;
  }

  private static void shutDown(MiniMRYarnCluster yarn, MiniDfs dfs, Path dir) {
    try {
      yarn.stop();
    } finally {
      dfs.close();
      deleteRecursively(dir);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      Files.deleteIfExists(dir.getParent()); // target/test/data/<name>, if no other run is in it
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", dir, e.toString());
    }
  }
}
