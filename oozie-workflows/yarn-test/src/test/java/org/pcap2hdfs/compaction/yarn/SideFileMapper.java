package org.pcap2hdfs.compaction.yarn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream.SyncFlag;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Writes, as the compaction tasks write their Parquet files, one side file {@code <input name>.out}
 * into the task attempt's work directory: a first line naming the attempt, then each input line
 * upper-cased. Only the committer makes it visible in the output directory. The first attempt of
 * the task reading {@link #SLOW_INPUT} writes "tick" lines every 100 ms for up to two minutes
 * before the input (each made visible to readers), so that a test can kill it mid-write.
 */
public class SideFileMapper extends Mapper<LongWritable, Text, NullWritable, NullWritable> {
  /** Name of the input file whose first attempt writes slowly. */
  public static final String SLOW_INPUT = "pcap2hdfs.test.slow.input";

  static final long SLOW_MILLIS = 120_000;

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    String input = ((FileSplit) context.getInputSplit()).getPath().getName();
    Path side = new Path(FileOutputFormat.getWorkOutputPath(context), input + ".out");
    try (FSDataOutputStream out =
        side.getFileSystem(context.getConfiguration()).create(side, false)) {
      line(out, context.getTaskAttemptID().toString());
      if (input.equals(context.getConfiguration().get(SLOW_INPUT))
          && context.getTaskAttemptID().getId() == 0) {
        long end = System.currentTimeMillis() + SLOW_MILLIS;
        for (int tick = 0; System.currentTimeMillis() < end; tick++) {
          line(out, "tick " + tick);
          visible(out);
          context.progress();
          Thread.sleep(100);
        }
      }
      while (context.nextKeyValue()) {
        line(out, context.getCurrentValue().toString().toUpperCase(Locale.ROOT));
      }
    }
  }

  private static void line(FSDataOutputStream out, String s) throws IOException {
    out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Syncs, with the NameNode's length updated so that a listing shows the bytes written. */
  private static void visible(FSDataOutputStream out) throws IOException {
    if (out instanceof HdfsDataOutputStream) {
      ((HdfsDataOutputStream) out).hsync(EnumSet.of(SyncFlag.UPDATE_LENGTH));
    } else {
      out.hsync();
    }
  }
}
