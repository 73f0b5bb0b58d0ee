package org.pcap2hdfs.compaction.mapreduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.pcap2hdfs.compaction.task.Slice;
import org.pcap2hdfs.compaction.task.SlicePlan;

/** One split per slice of the run's plan; each split's single record is its slice's index. */
public final class SliceInputFormat extends InputFormat<IntWritable, NullWritable> {
  /** The plan file of the job, set by {@link MapReduceSliceRunner}. */
  static final String PLAN = "pcap2hdfs.compaction.job.plan";

  static SlicePlan plan(org.apache.hadoop.conf.Configuration conf) throws IOException {
    Path file = new Path(conf.get(PLAN));
    return SlicePlan.read(file.getFileSystem(conf), file);
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    List<InputSplit> splits = new ArrayList<>();
    List<Slice> slices = plan(context.getConfiguration()).slices();
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      splits.add(new SliceSplit(i, s.bytes() / s.count()));
    }
    return splits;
  }

  @Override
  public RecordReader<IntWritable, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new RecordReader<>() {
      private final IntWritable key = new IntWritable(((SliceSplit) split).index());
      private boolean read;

      @Override
      public void initialize(InputSplit s, TaskAttemptContext c) {}

      @Override
      public boolean nextKeyValue() {
        if (read) {
          return false;
        }
        read = true;
        return true;
      }

      @Override
      public IntWritable getCurrentKey() {
        return key;
      }

      @Override
      public NullWritable getCurrentValue() {
        return NullWritable.get();
      }

      @Override
      public float getProgress() {
        return read ? 1 : 0;
      }

      @Override
      public void close() {}
    };
  }
}
