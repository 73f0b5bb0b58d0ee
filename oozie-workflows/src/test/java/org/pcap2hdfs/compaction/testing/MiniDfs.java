package org.pcap2hdfs.compaction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.pcap2hdfs.compaction.CompactionConfig;

/** A one-datanode MiniDFSCluster on local disk, and helpers to look at what is in it. */
public final class MiniDfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  public MiniDfs(Path baseDir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
  }

  public FileSystem fs() throws IOException {
    return cluster.getFileSystem();
  }

  /**
   * A compaction job's configuration on this cluster: staging and warehouse under {@code root}, 1
   * MB target files (several files from a few thousand rows), spills in {@code spill}.
   */
  public Configuration compactionConf(String root, Path spill) {
    Configuration c = new Configuration(conf());
    c.set(CompactionConfig.STAGING_DIR, root + "/staging");
    c.set(CompactionConfig.WAREHOUSE_DIR, root + "/warehouse");
    c.set(CompactionConfig.TARGET_FILE_SIZE, "1m");
    c.set(CompactionConfig.SPILL_DIR, spill.toString());
    return c;
  }

  public Configuration conf() {
    return cluster.getConfiguration(0);
  }

  /** Every file under a directory (recursive): path relative to dir -> length. */
  public static TreeMap<String, Long> files(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    TreeMap<String, Long> out = new TreeMap<>();
    if (!fs.exists(dir)) {
      return out;
    }
    String base = fs.makeQualified(dir).toUri().getPath();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      out.put(f.getPath().toUri().getPath().substring(base.length() + 1), f.getLen());
    }
    return out;
  }

  /** Every file with its modification time, to show that a run changed nothing. */
  public static List<String> snapshot(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    List<String> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      out.add(f.getPath() + " " + f.getLen() + " " + f.getModificationTime());
    }
    out.sort(null);
    return out;
  }

  /** Copies an HDFS directory to a fresh local directory (no .crc files) for DuckDB. */
  public static Path copyToLocal(FileSystem fs, org.apache.hadoop.fs.Path dir, Path localParent)
      throws IOException {
    Path local = Files.createTempDirectory(localParent, "copy");
    Files.delete(local);
    fs.copyToLocalFile(false, dir, new org.apache.hadoop.fs.Path(local.toUri()), true);
    return local;
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
