package org.pcap2hdfs.compaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the staging partitions ({@code year=Y/month=M/day=D/server=S}) a filter accepts and their
 * closed Avro files: names ending with the input suffix, skipping files still being written by the
 * HDFS sink ({@code _} or {@code .} prefix, {@code .tmp} suffix).
 */
public final class StagingScanner {
  private static final Logger LOG = LoggerFactory.getLogger(StagingScanner.class);

  private final FileSystem fs;
  private final Path root;
  private final String suffix;

  public StagingScanner(FileSystem fs, Path root, String suffix) {
    this.fs = fs;
    this.root = fs.makeQualified(root);
    this.suffix = suffix;
  }

  /** True for a name the HDFS sink has closed and the job may read. */
  public boolean ready(String name) {
    return name.endsWith(suffix)
        && !name.startsWith("_")
        && !name.startsWith(".")
        && !name.endsWith(".tmp");
  }

  /** Accepted partitions with at least one closed file, oldest first. */
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
        if (f.isFile() && ready(f.getPath().getName())) {
          found.computeIfAbsent(p, k -> new ArrayList<>()).add(f);
        }
      }
    }
    List<StagedPartition> out = new ArrayList<>();
    for (Map.Entry<Partition, List<FileStatus>> e : found.entrySet()) {
      List<Path> files = new ArrayList<>();
      long bytes = 0;
      e.getValue().sort((a, b) -> a.getPath().compareTo(b.getPath()));
      for (FileStatus f : e.getValue()) {
        files.add(f.getPath());
        bytes += f.getLen();
      }
      out.add(new StagedPartition(e.getKey(), files, bytes));
    }
    return out;
  }

  private String relative(Path p) {
    String full = fs.makeQualified(p).toUri().getPath();
    String base = root.toUri().getPath();
    return full.substring(base.length() + (base.endsWith("/") ? 0 : 1));
  }
}
