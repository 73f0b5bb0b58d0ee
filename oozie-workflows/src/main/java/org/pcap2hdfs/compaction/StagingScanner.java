package org.pcap2hdfs.compaction;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the staging partitions ({@code year=Y/month=M/day=D/server=S}) a filter accepts and their
 * files: closed Avro (names ending with the input suffix, not starting with {@code _} or {@code .})
 * and the HDFS sink's in-use files ({@code [_]<name><suffix>.tmp}), which are stale when not
 * modified since a cutoff and (on HDFS) closed by the NameNode: their writer died; live otherwise.
 * Other names are ignored.
 */
public final class StagingScanner {
  private static final Logger LOG = LoggerFactory.getLogger(StagingScanner.class);

  private final FileSystem fs;
  private final Path root;
  private final String suffix;
  private final long staleBeforeMillis;

  /**
   * @param staleBeforeMillis in-use files last modified before this time (epoch ms) are stale
   */
  public StagingScanner(FileSystem fs, Path root, String suffix, long staleBeforeMillis) {
    this.fs = fs;
    this.root = fs.makeQualified(root);
    this.suffix = suffix;
    this.staleBeforeMillis = staleBeforeMillis;
  }

  /** True for a name the HDFS sink has closed and the job may read. */
  public boolean ready(String name) {
    return name.endsWith(suffix)
        && !name.startsWith("_")
        && !name.startsWith(".")
        && !name.endsWith(".tmp");
  }

  /** True for a file the HDFS sink has open (or had, when its writer died). */
  public boolean inUse(String name) {
    return name.endsWith(suffix + ".tmp") && !name.startsWith(".");
  }

  /** Accepted partitions with at least one closed or in-use file, oldest first. */
  public List<StagedPartition> scan(PartitionFilter filter) throws IOException {
    Map<Partition, List<FileStatus>> found = new TreeMap<>();
    if (!fs.exists(root)) {
      LOG.info("staging directory {} does not exist: nothing to compact", root);
      return List.of();
    }
    FileStatus[] dirs = fs.globStatus(new Path(root, "year=*/month=*/day=*/server=*"));
    for (FileStatus d : dirs == null ? new FileStatus[0] : dirs) {
      if (!d.isDirectory()) {
        continue;
      }
      String rel = relative(d.getPath());
      Partition p;
      try {
        p = Partition.parse(rel);
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping staging directory {}: {}", d.getPath(), e.getMessage());
        continue;
      }
      if (!filter.accept(p)) {
        continue;
      }
      for (FileStatus f : fs.listStatus(d.getPath())) {
        String name = f.getPath().getName();
        if (f.isFile() && (ready(name) || inUse(name))) {
          found.computeIfAbsent(p, k -> new ArrayList<>()).add(f);
        }
      }
    }
    List<StagedPartition> out = new ArrayList<>();
    for (Map.Entry<Partition, List<FileStatus>> e : found.entrySet()) {
      List<Path> files = new ArrayList<>();
      List<Path> stale = new ArrayList<>();
      List<Path> live = new ArrayList<>();
      long bytes = 0;
      e.getValue().sort((a, b) -> a.getPath().compareTo(b.getPath()));
      for (FileStatus f : e.getValue()) {
        if (!inUse(f.getPath().getName())) {
          files.add(f.getPath());
        } else if (f.getModificationTime() < staleBeforeMillis && closed(f)) {
          stale.add(f.getPath());
        } else {
          live.add(f.getPath());
          continue;
        }
        bytes += f.getLen();
      }
      out.add(new StagedPartition(e.getKey(), files, bytes, stale, live));
    }
    return out;
  }

  /**
   * False for a file HDFS still has open. HDFS sets an open file's modification time when it is
   * created (hflush does not update it), so an old one does not mean a dead writer; the NameNode
   * closes a dead writer's file once its lease expires ({@code dfs.namenode.lease-hard-limit-sec},
   * 20 min in Hadoop 3.3, 1 h before). Other file systems have no leases: true.
   */
  private boolean closed(FileStatus f) throws IOException {
    if (!(fs instanceof DistributedFileSystem)) {
      return true;
    }
    try {
      if (((DistributedFileSystem) fs).isFileClosed(f.getPath())) {
        return true;
      }
    } catch (FileNotFoundException e) {
      // Its writer closed and renamed it since the listing: a later run reads the closed file.
      LOG.info("{}: renamed since it was listed: its partition waits", f.getPath());
      return false;
    }
    LOG.warn(
        "{}: in-use file still open on HDFS (a writer holds its lease; modification time {}, which"
            + " HDFS does not update while a file is written): live, its partition waits",
        f.getPath(),
        Instant.ofEpochMilli(f.getModificationTime()));
    return false;
  }

  private String relative(Path p) {
    String full = fs.makeQualified(p).toUri().getPath();
    String base = root.toUri().getPath();
    return full.substring(base.length() + (base.endsWith("/") ? 0 : 1));
  }
}
