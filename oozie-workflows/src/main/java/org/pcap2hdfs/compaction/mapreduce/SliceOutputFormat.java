package org.pcap2hdfs.compaction.mapreduce;

import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * No records: the map tasks write their Parquet files and results into the attempt's work directory
 * ({@link FileOutputFormat#getWorkOutputPath}); this format only brings the {@code
 * FileOutputCommitter}, which moves a task attempt's files into the output directory when the
 * attempt commits and drops those of killed or failed attempts.
 */
public final class SliceOutputFormat extends FileOutputFormat<NullWritable, NullWritable> {
  @Override
  public RecordWriter<NullWritable, NullWritable> getRecordWriter(TaskAttemptContext context) {
    return new RecordWriter<>() {
      @Override
      public void write(NullWritable key, NullWritable value) {}

      @Override
      public void close(TaskAttemptContext c) {}
    };
  }
}
