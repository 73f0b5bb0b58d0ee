package org.pcap2hdfs.compaction.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits and publishes one partition's transaction, recoverably.
 *
 * <ol>
 *   <li>The files and the manifest are complete in {@code tmp/<txn>}; {@link #commit} renames that
 *       directory to {@code committed/<txn>} (one atomic rename: the commit point).
 *   <li>{@link #publish} rolls a committed transaction forward: a partition new to the warehouse is
 *       moved in with one directory rename (it appears whole); files for an existing partition are
 *       renamed in one by one. Then the listener records the partition for Impala, the staged Avro
 *       is deleted or archived, and the journal directory is removed.
 * </ol>
 *
 * <p>Every step checks what is already done, so {@link #recover} can repeat {@link #publish} after
 * a crash at any point. Before the commit nothing is visible and the staged Avro is untouched.
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Told about each partition whose files are all in place, before its inputs are disposed. */
  public interface Listener {
    void published(Partition partition) throws IOException;
  }

  private final FileSystem fs;
  private final FileSystem stagingFs;
  private final WorkLayout layout;
  private final Path warehouse;
  private final CompactionHooks hooks;
  private final Listener listener;

  public Publisher(
      FileSystem fs,
      FileSystem stagingFs,
      WorkLayout layout,
      Path warehouse,
      CompactionHooks hooks,
      Listener listener) {
    this.fs = fs;
    this.stagingFs = stagingFs;
    this.layout = layout;
    this.warehouse = warehouse;
    this.hooks = hooks;
    this.listener = listener;
  }

  /** Writes the manifest into the scratch directory of {@code txn}. */
  public void writeManifest(String txn, Manifest manifest) throws IOException {
    manifest.write(fs, new Path(layout.scratch(txn), Manifest.NAME));
    hooks.at(Step.MANIFEST_WRITTEN, txn);
  }

  /** The commit point: scratch directory to committed/. */
  public void commit(String txn) throws IOException {
    fs.mkdirs(layout.committedRoot());
    Path from = layout.scratch(txn);
    Path to = layout.committed(txn);
    if (!fs.rename(from, to)) {
      throw new CompactionException("cannot commit " + txn + ": rename " + from + " to " + to);
    }
    hooks.at(Step.COMMITTED, txn);
  }

  /** Rolls every committed transaction forward (oldest first). */
  public List<Manifest> recover() throws IOException {
    List<Manifest> done = new ArrayList<>();
    if (!fs.exists(layout.committedRoot())) {
      return done;
    }
    FileStatus[] txns = fs.listStatus(layout.committedRoot());
    Arrays.sort(txns);
    for (FileStatus t : txns) {
      if (t.getPath().getName().startsWith(".")) {
        continue;
      }
      LOG.info("recovering committed transaction {}", t.getPath().getName());
      done.add(publish(t.getPath().getName()));
    }
    return done;
  }

  /** Publishes a committed transaction; safe to repeat after a crash at any point. */
  public Manifest publish(String txn) throws IOException {
    Path dir = layout.committed(txn);
    Manifest m = Manifest.read(fs, new Path(dir, Manifest.NAME));
    Partition p = m.partition();
    Path src = new Path(dir, p.relativePath());
    Path dst = new Path(warehouse, p.relativePath());
    if (!m.outputs().isEmpty()) {
      if (!fs.exists(dst)) {
        if (!fs.exists(src)) {
          throw new CompactionException(
              "transaction " + txn + ": neither " + src + " nor " + dst + " exists");
        }
        fs.mkdirs(dst.getParent());
        rename(src, dst);
        hooks.at(Step.PUBLISHED, dst.toString());
      } else {
        for (Manifest.OutputFile o : m.outputs()) {
          Path s = new Path(src, o.name());
          if (fs.exists(s)) {
            rename(s, new Path(dst, o.name()));
            hooks.at(Step.PUBLISHED, o.name());
          }
        }
      }
      for (Manifest.OutputFile o : m.outputs()) {
        Path d = new Path(dst, o.name());
        long len = fs.exists(d) ? fs.getFileStatus(d).getLen() : -1;
        if (len != o.bytes()) {
          throw new CompactionException(
              "transaction " + txn + ": " + d + " has " + len + " bytes, expected " + o.bytes());
        }
      }
    }
    if (!m.outputs().isEmpty()) {
      listener.published(p);
    }
    for (Manifest.InputFile in : m.inputs()) {
      dispose(txn, in);
      hooks.at(Step.INPUT_DISPOSED, in.path().toString());
    }
    removeIfEmpty(m);
    fs.delete(dir, true);
    hooks.at(Step.DONE, txn);
    LOG.info("published {}: {} files, {} rows", p, m.outputs().size(), m.rows());
    return m;
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new CompactionException("cannot rename " + from + " to " + to);
    }
  }

  private void dispose(String txn, Manifest.InputFile in) throws IOException {
    Path src = in.path();
    if (!stagingFs.exists(src)) {
      return; // done before a crash, or removed by someone else
    }
    if (in.archive() == null) {
      if (!stagingFs.delete(src, false) && stagingFs.exists(src)) {
        throw new CompactionException("cannot delete processed " + src);
      }
      return;
    }
    Path target = in.archive();
    if (stagingFs.exists(target)) {
      target = target.suffix("." + txn);
    }
    stagingFs.mkdirs(target.getParent());
    if (!stagingFs.rename(src, target)) {
      throw new CompactionException("cannot archive processed " + src + " to " + target);
    }
  }

  private void removeIfEmpty(Manifest m) {
    if (m.inputs().isEmpty()) {
      return;
    }
    Path dir = m.inputs().get(0).path().getParent();
    try {
      if (stagingFs.listStatus(dir).length == 0) {
        stagingFs.delete(dir, false);
      }
    } catch (IOException e) {
      LOG.debug("staging directory {} kept: {}", dir, e.toString());
    }
  }
}
