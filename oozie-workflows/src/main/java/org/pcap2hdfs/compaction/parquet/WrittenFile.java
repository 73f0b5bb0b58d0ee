package org.pcap2hdfs.compaction.parquet;

import org.apache.hadoop.fs.Path;

/** A closed Parquet file: where, how many rows, how many bytes. */
public final class WrittenFile {
  private final Path path;
  private final long rows;
  private final long bytes;

  public WrittenFile(Path path, long rows, long bytes) {
    this.path = path;
    this.rows = rows;
    this.bytes = bytes;
  }

  public Path path() {
    return path;
  }

  public long rows() {
    return rows;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return path + " (" + rows + " rows, " + bytes + " bytes)";
  }
}
