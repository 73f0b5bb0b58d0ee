package org.pcap2hdfs.compaction;

import java.util.List;
import org.apache.hadoop.fs.Path;

/** A staging partition and its closed Avro files, as found by {@link StagingScanner}. */
public final class StagedPartition {
  private final Partition partition;
  private final List<Path> files;
  private final long bytes;

  public StagedPartition(Partition partition, List<Path> files, long bytes) {
    this.partition = partition;
    this.files = List.copyOf(files);
    this.bytes = bytes;
  }

  public Partition partition() {
    return partition;
  }

  public List<Path> files() {
    return files;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return partition + " (" + files.size() + " files, " + bytes + " bytes)";
  }
}
