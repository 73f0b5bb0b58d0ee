package org.pcap2hdfs.compaction;

import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * A staging partition as found by {@link StagingScanner}: its closed Avro files, the in-use files
 * of writers that died (stale: to recover) and those of writers still alive (live).
 */
public final class StagedPartition {
  private final Partition partition;
  private final List<Path> files;
  private final long bytes;
  private final List<Path> stale;
  private final List<Path> live;

  public StagedPartition(
      Partition partition, List<Path> files, long bytes, List<Path> stale, List<Path> live) {
    this.partition = partition;
    this.files = List.copyOf(files);
    this.bytes = bytes;
    this.stale = List.copyOf(stale);
    this.live = List.copyOf(live);
  }

  public Partition partition() {
    return partition;
  }

  /** Closed files. */
  public List<Path> files() {
    return files;
  }

  /** Bytes of the closed and stale files. */
  public long bytes() {
    return bytes;
  }

  /**
   * In-use files not modified for the staleness period (and on HDFS closed by the NameNode): their
   * writer died.
   */
  public List<Path> stale() {
    return stale;
  }

  /**
   * In-use files modified within the staleness period, or still open on HDFS: a writer may still be
   * at work.
   */
  public List<Path> live() {
    return live;
  }

  @Override
  public String toString() {
    return partition
        + " ("
        + files.size()
        + " files, "
        + (stale.isEmpty() ? "" : stale.size() + " stale in-use files, ")
        + bytes
        + " bytes)";
  }
}
