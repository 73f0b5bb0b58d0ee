package org.pcap2hdfs.compaction.publish;

import org.apache.hadoop.fs.Path;

/**
 * The work directory: {@code tmp/<txn>} (scratch, removed by the next run or the workflow's
 * prepare), {@code committed/<txn>} (committed transactions still being published; never removed by
 * hand) and {@code impala/} (partitions Impala has not been told about yet).
 */
public final class WorkLayout {
  private final Path root;

  public WorkLayout(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path scratchRoot() {
    return new Path(root, "tmp");
  }

  public Path scratch(String txn) {
    return new Path(scratchRoot(), txn);
  }

  public Path committedRoot() {
    return new Path(root, "committed");
  }

  public Path committed(String txn) {
    return new Path(committedRoot(), txn);
  }

  public Path impalaRoot() {
    return new Path(root, "impala");
  }
}
