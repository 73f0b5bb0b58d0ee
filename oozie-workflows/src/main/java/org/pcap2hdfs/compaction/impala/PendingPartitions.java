package org.pcap2hdfs.compaction.impala;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.Partition;

/**
 * Partitions Impala has not been told about yet, as empty marker files {@code
 * pending/{add,drop}/<partition id>} under the work directory. A marker is written before the
 * staged Avro of a published partition is disposed, and removed only after Impala's statements for
 * it succeeded, so a failed Impala step is retried by the next run.
 *
 * <p>For the impala-shell step the pending markers move into a batch directory {@code
 * batches/<id>/} together with the script; the workflow deletes the batch after impala-shell
 * succeeded, and a batch still present at the next run goes back to pending.
 */
public final class PendingPartitions {
  private static final String ADD = "add";
  private static final String DROP = "drop";

  /** Name of the script in a batch directory. */
  public static final String SCRIPT = "statements.sql";

  private final FileSystem fs;
  private final Path root;

  public PendingPartitions(FileSystem fs, Path impalaRoot) {
    this.fs = fs;
    this.root = impalaRoot;
  }

  private Path pending(String kind) {
    return new Path(new Path(root, "pending"), kind);
  }

  private Path batches() {
    return new Path(root, "batches");
  }

  public void markAdded(Partition p) throws IOException {
    touch(new Path(pending(ADD), p.id()));
  }

  /** Records a drop; a pending addition of the same partition is forgotten. */
  public void markDropped(Partition p) throws IOException {
    fs.delete(new Path(pending(ADD), p.id()), false);
    touch(new Path(pending(DROP), p.id()));
  }

  private void touch(Path marker) throws IOException {
    fs.mkdirs(marker.getParent());
    fs.create(marker, true).close();
  }

  public List<Partition> added() throws IOException {
    return list(pending(ADD));
  }

  public List<Partition> dropped() throws IOException {
    return list(pending(DROP));
  }

  public void clearAdded(Partition p) throws IOException {
    fs.delete(new Path(pending(ADD), p.id()), false);
  }

  public void clearDropped(Partition p) throws IOException {
    fs.delete(new Path(pending(DROP), p.id()), false);
  }

  /** Checksum and other hidden files of the local file system are not markers. */
  private static boolean hidden(FileStatus f) {
    String n = f.getPath().getName();
    return n.startsWith(".");
  }

  private List<Partition> list(Path dir) throws IOException {
    List<Partition> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      if (!hidden(f)) {
        out.add(Partition.fromId(f.getPath().getName()));
      }
    }
    out.sort(null);
    return out;
  }

  /** Runs every pending statement through {@code runner}, clearing each marker after success. */
  public int runPending(PartitionStatements statements, JdbcStatementRunner runner)
      throws IOException {
    int n = 0;
    for (Partition p : added()) {
      runner.run(statements.added(p));
      clearAdded(p);
      n++;
    }
    for (Partition p : dropped()) {
      runner.run(statements.dropped(p));
      clearDropped(p);
      n++;
    }
    return n;
  }

  /**
   * Moves leftover batches and all pending markers into a new batch with its script.
   *
   * @return the batch directory, or null when nothing is pending
   */
  public Path newBatch(String id, PartitionStatements statements) throws IOException {
    if (fs.exists(batches())) {
      for (FileStatus b : fs.listStatus(batches())) {
        for (String kind : List.of(ADD, DROP)) {
          Path dir = new Path(b.getPath(), kind);
          if (fs.exists(dir)) {
            for (FileStatus m : fs.listStatus(dir)) {
              if (hidden(m)) {
                continue;
              }
              touch(new Path(pending(kind), m.getPath().getName()));
            }
          }
        }
        fs.delete(b.getPath(), true);
      }
    }
    List<Partition> added = added();
    List<Partition> dropped = dropped();
    if (added.isEmpty() && dropped.isEmpty()) {
      return null;
    }
    Path batch = new Path(batches(), id);
    Path tmp = new Path(batches(), "_" + id);
    fs.mkdirs(tmp);
    try (OutputStream out = fs.create(new Path(tmp, SCRIPT), true)) {
      out.write(
          PartitionStatements.script(statements.all(added, dropped))
              .getBytes(StandardCharsets.UTF_8));
    }
    for (String kind : List.of(ADD, DROP)) {
      fs.mkdirs(new Path(tmp, kind));
      for (Partition p : kind.equals(ADD) ? added : dropped) {
        Path from = new Path(pending(kind), p.id());
        if (!fs.rename(from, new Path(new Path(tmp, kind), p.id()))) {
          throw new CompactionException("cannot move marker " + from + " into batch " + tmp);
        }
      }
    }
    if (!fs.rename(tmp, batch)) {
      throw new CompactionException("cannot rename batch " + tmp + " to " + batch);
    }
    return batch;
  }
}
