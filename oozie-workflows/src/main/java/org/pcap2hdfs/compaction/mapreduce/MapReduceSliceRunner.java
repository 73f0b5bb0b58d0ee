package org.pcap2hdfs.compaction.mapreduce;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.task.SlicePlan;
import org.pcap2hdfs.compaction.task.SliceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the slices as a map-only MapReduce job on YARN, one map task per slice. Each task writes
 * into its attempt's work directory and the {@code FileOutputCommitter} moves only committed
 * attempts' files into {@code root}: a killed or failed attempt leaves nothing, its retry starts
 * afresh. The driver waits for the job; a job that fails or is killed publishes nothing.
 */
public final class MapReduceSliceRunner implements SliceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MapReduceSliceRunner.class);

  /** Oozie's launcher puts the tag of its child jobs here; Oozie kills tagged jobs on a retry. */
  static final String OOZIE_CHILD_TAGS = "oozie.child.mapreduce.job.tags";

  private final FileSystem fs;
  private final CompactionConfig config;
  private final CompactionHooks hooks;

  public MapReduceSliceRunner(FileSystem fs, CompactionConfig config, CompactionHooks hooks) {
    this.fs = fs;
    this.config = config;
    this.hooks = hooks;
  }

  @Override
  public void run(SlicePlan plan, Path root) throws IOException {
    if (plan.slices().isEmpty()) {
      return;
    }
    Path planFile = new Path(root.getParent(), "plan");
    plan.write(fs, planFile);
    Job job = job(planFile, root);
    try {
      job.submit();
    } catch (InterruptedException | ClassNotFoundException e) {
      throw new CompactionException("cannot submit the MapReduce job: " + e, e);
    }
    // The job must not outlive its driver: killed when the JVM exits or run() is left early.
    Thread killOnExit = new Thread(() -> killIfRunning(job), "kill-compaction-job");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    try {
      LOG.info(
          "{}: {} slices as MapReduce job {} ({})",
          root.getParent().getName(),
          plan.slices().size(),
          job.getJobID(),
          job.getTrackingURL());
      hooks.at(Step.JOB_SUBMITTED, job.getJobID().toString());
      if (!job.waitForCompletion(true)) {
        throw new CompactionException(
            "MapReduce job "
                + job.getJobID()
                + " ended "
                + job.getJobState()
                + ": "
                + job.getStatus().getFailureInfo()
                + " (nothing was published; staging is untouched)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompactionException("interrupted while waiting for " + job.getJobID(), e);
    } catch (ClassNotFoundException e) {
      throw new CompactionException("cannot run MapReduce job " + job.getJobID() + ": " + e, e);
    } finally {
      killIfRunning(job);
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook is running
      }
    }
  }

  private static void killIfRunning(Job job) {
    try {
      if (!job.isComplete()) {
        LOG.warn("killing {}: its driver stops", job.getJobID());
        job.killJob();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot kill {}: {}", job.getJobID(), e.toString());
    }
  }

  private Job job(Path planFile, Path root) throws IOException {
    Configuration conf = new Configuration(config.hadoop());
    conf.set(SliceInputFormat.PLAN, planFile.toString());
    conf.setInt(MRJobConfig.MAP_MEMORY_MB, config.taskMemoryMb());
    // The heap follows task.memory.mb whatever -Xmx the cluster's defaults carry.
    String opts = conf.get(MRJobConfig.MAP_JAVA_OPTS, "").replaceAll("-Xmx\\S+", "").trim();
    conf.set(
        MRJobConfig.MAP_JAVA_OPTS, (opts + " -Xmx" + config.taskMemoryMb() * 4 / 5 + "m").trim());
    conf.setInt(MRJobConfig.JOB_RUNNING_MAP_LIMIT, config.tasks());
    conf.setBoolean(MRJobConfig.MAP_SPECULATIVE, false);
    conf.setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
    conf.setBoolean(FileOutputCommitter.SUCCESSFUL_JOB_OUTPUT_DIR_MARKER, false);
    String tags = conf.getTrimmed(OOZIE_CHILD_TAGS, "");
    if (!tags.isEmpty()) {
      conf.set(MRJobConfig.JOB_TAGS, tags);
    }
    String tokens = System.getenv("HADOOP_TOKEN_FILE_LOCATION");
    if (tokens != null) {
      // In an Oozie launcher on a secure cluster: the child job runs with the launcher's tokens.
      conf.set(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY, tokens);
    }
    Job job = Job.getInstance(conf, "pcap2hdfs-compaction " + root.getParent().getName());
    job.setJarByClass(SliceMapper.class);
    job.setInputFormatClass(SliceInputFormat.class);
    job.setMapperClass(SliceMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputFormatClass(SliceOutputFormat.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    FileOutputFormat.setOutputPath(job, root);
    return job;
  }
}
