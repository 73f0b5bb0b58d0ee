package org.pcap2hdfs.compaction.yarn;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;

/**
 * Watching and killing a running job's map task attempts from outside, through the job client and
 * the attempts' work directories ({@code <output>/_temporary/<job attempt>/_temporary/<task
 * attempt>/}) of the FileOutputCommitter.
 */
public final class TaskAttempts {
  private TaskAttempts() {}

  /** A running attempt seen with a file in its work directory. */
  public static final class Writing {
    public final TaskAttemptID attempt;
    public final Path file;
    public final long length;

    Writing(TaskAttemptID attempt, Path file, long length) {
      this.attempt = attempt;
      this.file = file;
      this.length = length;
    }

    @Override
    public String toString() {
      return attempt + " writing " + file + " (" + length + " bytes)";
    }
  }

  /**
   * Waits until a running map attempt of {@code job} has a file named {@code fileName} of at least
   * {@code minBytes} in its work directory under {@code output}. Fails when the job ends first or
   * after {@code timeout}.
   */
  public static Writing awaitWriting(
      Job job, FileSystem fs, Path output, String fileName, long minBytes, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path pattern = new Path(output, "_temporary/*/_temporary/attempt_*/" + fileName);
    while (System.nanoTime() < deadline) {
      FileStatus[] found = fs.globStatus(pattern);
      for (FileStatus f : found == null ? new FileStatus[0] : found) {
        TaskAttemptID attempt = TaskAttemptID.forName(f.getPath().getParent().getName());
        if (f.getLen() >= minBytes && isRunning(job, attempt)) {
          return new Writing(attempt, f.getPath(), f.getLen());
        }
      }
      if (job.isComplete()) {
        throw new IllegalStateException(
            job.getJobID()
                + " ended ("
                + job.getJobState()
                + ") before an attempt wrote "
                + pattern);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no running attempt wrote " + pattern + " within " + timeout);
  }

  /** The running map attempts of a job. */
  public static List<TaskAttemptID> running(Job job) throws IOException, InterruptedException {
    List<TaskAttemptID> out = new ArrayList<>();
    for (TaskReport r : job.getTaskReports(TaskType.MAP)) {
      out.addAll(r.getRunningTaskAttemptIds());
    }
    return out;
  }

  private static boolean isRunning(Job job, TaskAttemptID attempt)
      throws IOException, InterruptedException {
    return running(job).stream().anyMatch(a -> a.toString().equals(attempt.toString()));
  }

  /** Kills an attempt (the task is retried, the kill does not count as a failure). */
  public static void kill(Job job, TaskAttemptID attempt) throws IOException {
    if (!job.killTask(attempt, false)) {
      throw new IllegalStateException("the AM refused to kill " + attempt);
    }
  }

  /**
   * Why a job failed, for an assertion's message: the job's failure info, then each failed or
   * killed attempt's diagnostics (a task's exception; container logs are gone once the job ends).
   */
  public static String diagnostics(Job job) throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder(job.getJobID() + " " + job.getJobState());
    out.append(": ").append(job.getStatus().getFailureInfo());
    for (int from = 0; ; ) {
      TaskCompletionEvent[] events = job.getTaskCompletionEvents(from, 100);
      if (events.length == 0) {
        return out.toString();
      }
      for (TaskCompletionEvent e : events) {
        if (e.getStatus() != TaskCompletionEvent.Status.SUCCEEDED) {
          out.append("\n").append(e.getTaskAttemptId()).append(' ').append(e.getStatus());
          for (String d : job.getTaskDiagnostics(e.getTaskAttemptId())) {
            out.append("\n  ").append(d);
          }
        }
      }
      from += events.length;
    }
  }

  /**
   * Every attempt of a task and its state, by attempt id (ids of the mapred and mapreduce APIs,
   * which the client mixes, are never equal to each other): the final states (SUCCEEDED, KILLED,
   * FAILED...) from the job's completion events, the others RUNNING.
   */
  public static Map<String, String> attempts(Job job, TaskID task)
      throws IOException, InterruptedException {
    Map<String, String> out = new TreeMap<>();
    String taskId = task.toString();
    for (TaskAttemptID a : running(job)) {
      if (a.getTaskID().toString().equals(taskId)) {
        out.put(a.toString(), "RUNNING");
      }
    }
    for (int from = 0; ; ) {
      TaskCompletionEvent[] events = job.getTaskCompletionEvents(from, 100);
      if (events.length == 0) {
        return out;
      }
      for (TaskCompletionEvent e : events) {
        if (e.getTaskAttemptId().getTaskID().toString().equals(taskId)) {
          out.put(e.getTaskAttemptId().toString(), e.getStatus().name());
        }
      }
      from += events.length;
    }
  }
}
