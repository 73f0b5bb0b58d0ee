package org.pcap2hdfs.compaction;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.impala.PendingPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops warehouse partitions and archived Avro whose day is more than N days before today (UTC),
 * recording each dropped warehouse partition for Impala's {@code DROP PARTITION}.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final FileSystem fs;
  private final Path warehouse;
  private final FileSystem archiveFs;
  private final Path archive;
  private final int days;
  private final PendingPartitions pending;

  /**
   * @param archive archive root, or null
   * @param pending where drops are recorded for Impala, or null when Impala is skipped
   */
  public Retention(
      FileSystem fs,
      Path warehouse,
      FileSystem archiveFs,
      Path archive,
      int days,
      PendingPartitions pending) {
    if (days < 1) {
      throw new IllegalArgumentException(CompactionConfig.RETENTION_DAYS + " must be >= 1 here");
    }
    this.fs = fs;
    this.warehouse = warehouse;
    this.archiveFs = archiveFs;
    this.archive = archive;
    this.days = days;
    this.pending = pending;
  }

  /** Deletes what is older than {@code today - days}; returns the dropped warehouse partitions. */
  public List<Partition> run(LocalDate today) throws IOException {
    LocalDate cutoff = today.minusDays(days);
    List<Partition> dropped = new ArrayList<>();
    for (Partition p : expired(fs, warehouse, cutoff)) {
      if (pending != null) {
        pending.markDropped(p);
      }
      fs.delete(new Path(warehouse, p.relativePath()), true);
      LOG.info("retention: dropped warehouse partition {}", p);
      dropped.add(p);
    }
    if (archive != null) {
      for (Partition p : expired(archiveFs, archive, cutoff)) {
        archiveFs.delete(new Path(archive, p.relativePath()), true);
        LOG.info("retention: deleted archived Avro of {}", p);
      }
    }
    return dropped;
  }

  private static List<Partition> expired(FileSystem fs, Path root, LocalDate cutoff)
      throws IOException {
    List<Partition> out = new ArrayList<>();
    FileStatus[] dirs = fs.globStatus(new Path(root, "year=*/month=*/day=*/server=*"));
    if (dirs == null) {
      return out;
    }
    for (FileStatus d : dirs) {
      Path s = d.getPath();
      String rel =
          s.getParent().getParent().getParent().getName()
              + "/"
              + s.getParent().getParent().getName()
              + "/"
              + s.getParent().getName()
              + "/"
              + s.getName();
      try {
        Partition p = Partition.parse(rel);
        if (d.isDirectory() && p.date().isBefore(cutoff)) {
          out.add(p);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("retention: skipping {}: {}", s, e.getMessage());
      }
    }
    out.sort(null);
    return out;
  }
}
