package org.pcap2hdfs.compaction.task;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.Partition;

/**
 * One task's share of a partition's transaction: the rows of the partition's staged files whose
 * event_id hashes to {@code index} modulo {@code count}. Every copy of a row has the same event_id,
 * so all copies land in one slice and that slice's sort drops them: no duplicate can survive across
 * slices.
 */
public final class Slice {
  private final String txn;
  private final Partition partition;
  private final int index;
  private final int count;
  private final List<Path> files;
  private final List<Path> stale;
  private final long bytes;

  /**
   * @param files the partition's closed staged files
   * @param stale in-use files of dead writers, whose complete blocks are read
   * @param bytes staged bytes of the whole partition
   */
  public Slice(
      String txn,
      Partition partition,
      int index,
      int count,
      List<Path> files,
      List<Path> stale,
      long bytes) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("slice " + index + " of " + count);
    }
    this.txn = txn;
    this.partition = partition;
    this.index = index;
    this.count = count;
    this.files = List.copyOf(files);
    this.stale = List.copyOf(stale);
    this.bytes = bytes;
  }

  /** The partition's transaction, shared by all its slices. */
  public String txn() {
    return txn;
  }

  public Partition partition() {
    return partition;
  }

  public int index() {
    return index;
  }

  public int count() {
    return count;
  }

  public List<Path> files() {
    return files;
  }

  public List<Path> stale() {
    return stale;
  }

  /** Staged bytes of the whole partition (every slice reads them all). */
  public long bytes() {
    return bytes;
  }

  /** Whether a row whose event_id has this hash belongs to the slice. */
  public boolean keeps(int eventIdHash) {
    return count == 1 || Math.floorMod(eventIdHash, count) == index;
  }

  /** Prefix of the slice's Parquet file names: unique within the partition. */
  public String filePrefix() {
    return count == 1 ? "part-" + txn : String.format("part-%s-s%03d", txn, index);
  }

  @Override
  public String toString() {
    return count == 1 ? partition.toString() : partition + " slice " + index + "/" + count;
  }
}
