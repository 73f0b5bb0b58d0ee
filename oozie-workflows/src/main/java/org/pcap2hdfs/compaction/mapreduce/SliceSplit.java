package org.pcap2hdfs.compaction.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;

/** The input of one map task: the index of its slice in the run's plan. */
public final class SliceSplit extends InputSplit implements Writable {
  private int index;
  private long length;

  /** For Hadoop's deserialisation. */
  public SliceSplit() {}

  SliceSplit(int index, long length) {
    this.index = index;
    this.length = length;
  }

  int index() {
    return index;
  }

  /** The staged bytes the slice reads, so that YARN starts the largest slices first. */
  @Override
  public long getLength() {
    return length;
  }

  @Override
  public String[] getLocations() {
    return new String[0];
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(index);
    out.writeLong(length);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    index = in.readInt();
    length = in.readLong();
  }

  @Override
  public String toString() {
    return "slice " + index;
  }
}
