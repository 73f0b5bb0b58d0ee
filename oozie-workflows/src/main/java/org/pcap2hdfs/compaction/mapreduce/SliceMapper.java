package org.pcap2hdfs.compaction.mapreduce;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.task.Slice;
import org.pcap2hdfs.compaction.task.SliceCompactor;
import org.pcap2hdfs.compaction.task.SliceResult;

/** A map task: compacts its slice into the attempt's work directory. */
public final class SliceMapper
    extends Mapper<IntWritable, NullWritable, NullWritable, NullWritable> {
  /** Job counters, summed over the tasks (the driver reads the slice results, not these). */
  public enum Counter {
    ROWS_IN,
    ROWS_OUT,
    DUPLICATES,
    FILES,
    FAILED_SLICES
  }

  @Override
  protected void map(IntWritable index, NullWritable none, Context context)
      throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    CompactionConfig config = CompactionConfig.from(conf);
    Slice slice = SliceInputFormat.plan(conf).slices().get(index.get());
    context.setStatus(slice.toString());
    Path work = FileOutputFormat.getWorkOutputPath(context);
    SliceResult r =
        new SliceCompactor(
                work.getFileSystem(conf),
                config.stagingDir().getFileSystem(conf),
                config,
                CompactionHooks.NONE,
                context::progress)
            .compact(slice, work);
    context.getCounter(Counter.ROWS_IN).increment(r.rowsIn());
    context.getCounter(Counter.ROWS_OUT).increment(r.rowsOut());
    context.getCounter(Counter.DUPLICATES).increment(r.duplicates());
    context.getCounter(Counter.FILES).increment(r.outputs().size());
    context.getCounter(Counter.FAILED_SLICES).increment(r.failure() == null ? 0 : 1);
  }
}
