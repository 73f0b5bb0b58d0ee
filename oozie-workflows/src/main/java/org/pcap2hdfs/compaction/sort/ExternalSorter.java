package org.pcap2hdfs.compaction.sort;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts any number of (key, datum) records in bounded memory: records collect in a {@link
 * SortBuffer}; a full buffer is sorted and spilled to a local run file; at the end the last buffer
 * and the runs are merged (in several passes when there are more than {@link #FAN_IN} runs). Equal
 * keys can be collapsed to one record (deduplication). Memory: the buffer budget plus about 300 KB
 * per run merged at once.
 */
public final class ExternalSorter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalSorter.class);

  /** Runs merged at once; more take an intermediate pass. */
  static final int FAN_IN = 64;

  private final SortBuffer buffer;
  private final File spillDir;
  private final boolean compress;
  private final boolean dedup;
  private final List<File> runs = new ArrayList<>();
  private final List<RecordCursor> open = new ArrayList<>();
  private DedupCursor dedupCursor;
  private long added;
  private long spilledRecords;
  private long droppedInSpills;

  /**
   * @param budget bytes of records and index held in memory
   * @param spillDir local directory for run files (created when needed)
   * @param compress Snappy-compress run files
   * @param dedup collapse records with equal keys to the first one
   */
  public ExternalSorter(long budget, File spillDir, boolean compress, boolean dedup) {
    this.buffer = new SortBuffer(budget);
    this.spillDir = spillDir;
    this.compress = compress;
    this.dedup = dedup;
  }

  public void add(byte[] key, int keyOff, int keyLen, byte[] datum, int datumOff, int datumLen)
      throws IOException {
    if (!buffer.add(key, keyOff, keyLen, datum, datumOff, datumLen)) {
      spill();
      buffer.add(key, keyOff, keyLen, datum, datumOff, datumLen);
    }
    added++;
  }

  private void spill() throws IOException {
    buffer.sort();
    Files.createDirectories(spillDir.toPath());
    File f = File.createTempFile("compaction-run-", ".bin", spillDir);
    runs.add(f);
    RecordCursor c = dedup ? new DedupCursor(buffer.sortedCursor()) : buffer.sortedCursor();
    try (RunWriter w = new RunWriter(f, compress)) {
      while (c.next()) {
        w.write(c);
      }
      spilledRecords += w.records();
    }
    if (c instanceof DedupCursor) {
      droppedInSpills += ((DedupCursor) c).dropped();
    }
    LOG.debug("spilled run {} ({} records, {} bytes)", f, buffer.size(), f.length());
    buffer.clear();
  }

  /**
   * Ends input and returns every record in key order (each key once when deduplicating). Call once;
   * {@link #close()} releases the run files.
   */
  public RecordCursor sorted() throws IOException {
    buffer.sort();
    while (runs.size() > FAN_IN) {
      mergeRunsOnce();
    }
    List<RecordCursor> inputs = new ArrayList<>();
    for (File f : runs) {
      RunReader r = new RunReader(f, compress);
      open.add(r);
      inputs.add(r);
    }
    inputs.add(buffer.sortedCursor());
    RecordCursor merged = inputs.size() == 1 ? inputs.get(0) : new MergeCursor(inputs);
    if (dedup) {
      dedupCursor = new DedupCursor(merged);
      return dedupCursor;
    }
    return merged;
  }

  private void mergeRunsOnce() throws IOException {
    List<File> group = new ArrayList<>(runs.subList(0, FAN_IN));
    List<RecordCursor> inputs = new ArrayList<>();
    File out = File.createTempFile("compaction-run-", ".bin", spillDir);
    try {
      for (File f : group) {
        inputs.add(new RunReader(f, compress));
      }
      RecordCursor c = new MergeCursor(inputs);
      if (dedup) {
        c = new DedupCursor(c);
      }
      try (RunWriter w = new RunWriter(out, compress)) {
        while (c.next()) {
          w.write(c);
        }
      }
      if (c instanceof DedupCursor) {
        droppedInSpills += ((DedupCursor) c).dropped();
      }
    } finally {
      for (RecordCursor r : inputs) {
        r.close();
      }
    }
    for (File f : group) {
      delete(f);
    }
    runs.removeAll(group);
    runs.add(out);
  }

  /** Records given to {@link #add}. */
  public long added() {
    return added;
  }

  /** Runs spilled to disk so far. */
  public int spilledRuns() {
    return runs.size();
  }

  public long spilledRecords() {
    return spilledRecords;
  }

  /** Records dropped as duplicates so far (complete once the sorted cursor is exhausted). */
  public long duplicatesDropped() {
    return droppedInSpills + (dedupCursor == null ? 0 : dedupCursor.dropped());
  }

  @Override
  public void close() {
    IOException first = null;
    for (RecordCursor r : open) {
      try {
        r.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    for (File f : runs) {
      delete(f);
    }
    runs.clear();
    buffer.clear();
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }

  private static void delete(File f) {
    if (!f.delete() && f.exists()) {
      LOG.warn("could not delete spill file {}", f);
    }
  }
}
