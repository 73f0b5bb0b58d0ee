package org.pcap2hdfs.compaction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** What a run did, for the log and for Oozie's capture-output. */
public final class RunReport {
  /**
   * Oozie refuses more than this many bytes of action output ({@code oozie.action.max.output.data},
   * 2048 by default): the stored properties stay below it, lists and message cut to fit.
   */
  public static final int MAX_OUTPUT_BYTES = 2048;

  /** Bytes kept free for the comment and date lines a store writes, and a margin. */
  private static final int RESERVED_BYTES = 128;

  /** The most of the output the failure message may take. */
  private static final int MAX_FAILURE_BYTES = 600;

  private final String runId;
  private final Set<Partition> published = new LinkedHashSet<>();
  private final List<Partition> dropped = new ArrayList<>();
  private final List<Partition> deferred = new ArrayList<>();
  private final List<Partition> failed = new ArrayList<>();
  private final List<StagedFileException> failures = new ArrayList<>();
  private long rowsIn;
  private long rowsOut;
  private long duplicates;
  private long files;
  private long staleFilesRecovered;
  private long staleRowsRecovered;
  private long staleBytesDropped;
  private long liveInUseFiles;
  private String impalaBatch = "";
  private String impalaScript = "";

  public RunReport(String runId) {
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  void published(Partition p, long files) {
    published.add(p);
    this.files += files;
  }

  void compacted(long rowsIn, long rowsOut, long duplicates) {
    this.rowsIn += rowsIn;
    this.rowsOut += rowsOut;
    this.duplicates += duplicates;
  }

  /** Stale in-use files of a published partition: rows recovered, bytes of cut blocks dropped. */
  void recovered(long files, long rows, long bytesDropped) {
    staleFilesRecovered += files;
    staleRowsRecovered += rows;
    staleBytesDropped += bytesDropped;
  }

  /** A partition held back because a writer still has {@code liveFiles} of it open. */
  void deferred(Partition p, long liveFiles) {
    deferred.add(p);
    liveInUseFiles += liveFiles;
  }

  /** A partition that could not be compacted (a staged file it cannot read); the run then fails. */
  void failed(Partition p, StagedFileException e) {
    failed.add(p);
    failures.add(e);
  }

  /**
   * The failure of the run: null when no partition failed, else the one partition's exception or
   * one naming all of them (the first as its cause).
   */
  public CompactionException failure() {
    if (failures.isEmpty()) {
      return null;
    }
    if (failures.size() == 1) {
      return failures.get(0);
    }
    StringBuilder b = new StringBuilder(failures.size() + " partitions failed:");
    for (StagedFileException e : failures) {
      b.append("\n  ").append(e.getMessage());
    }
    CompactionException e = new CompactionException(b.toString(), failures.get(0));
    failures.subList(1, failures.size()).forEach(e::addSuppressed);
    return e;
  }

  void dropped(List<Partition> ps) {
    dropped.addAll(ps);
  }

  void impalaBatch(String batch, String script) {
    impalaBatch = batch;
    impalaScript = script;
  }

  public Set<Partition> published() {
    return published;
  }

  public List<Partition> dropped() {
    return dropped;
  }

  public long rowsIn() {
    return rowsIn;
  }

  public long rowsOut() {
    return rowsOut;
  }

  public long duplicates() {
    return duplicates;
  }

  public long files() {
    return files;
  }

  public long staleFilesRecovered() {
    return staleFilesRecovered;
  }

  public long staleRowsRecovered() {
    return staleRowsRecovered;
  }

  public long staleBytesDropped() {
    return staleBytesDropped;
  }

  /** In-use files of live writers, left alone; their partitions are {@link #deferred}. */
  public long liveInUseFiles() {
    return liveInUseFiles;
  }

  public List<Partition> deferred() {
    return deferred;
  }

  public List<Partition> failed() {
    return failed;
  }

  public String impalaScript() {
    return impalaScript;
  }

  /**
   * The action output: counts, the Impala batch (if any), the failure message and the partition
   * lists (failed, published, deferred, dropped), message and lists cut to keep the whole stored
   * output within {@link #MAX_OUTPUT_BYTES}.
   */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("runId", runId);
    p.setProperty("publishedCount", Integer.toString(published.size()));
    p.setProperty("droppedCount", Integer.toString(dropped.size()));
    p.setProperty("rowsIn", Long.toString(rowsIn));
    p.setProperty("rowsOut", Long.toString(rowsOut));
    p.setProperty("duplicates", Long.toString(duplicates));
    p.setProperty("files", Long.toString(files));
    p.setProperty("staleFilesRecovered", Long.toString(staleFilesRecovered));
    p.setProperty("staleRowsRecovered", Long.toString(staleRowsRecovered));
    p.setProperty("staleBytesDropped", Long.toString(staleBytesDropped));
    p.setProperty("liveInUseFiles", Long.toString(liveInUseFiles));
    p.setProperty("deferredCount", Integer.toString(deferred.size()));
    p.setProperty("failedCount", Integer.toString(failed.size()));
    p.setProperty("impalaBatch", impalaBatch);
    p.setProperty("impalaScript", impalaScript);
    String[] lists = {"failure", "failed", "published", "deferred", "dropped"};
    for (String k : lists) {
      p.setProperty(k, "");
    }
    // What is left once the fixed entries (and the empty ones, keys included) are stored.
    int budget = MAX_OUTPUT_BYTES - RESERVED_BYTES - stored(p).length;
    CompactionException f = failure();
    String message = cut(f == null ? "" : f.getMessage(), Math.min(MAX_FAILURE_BYTES, budget / 2));
    p.setProperty("failure", message);
    budget -= escapedLength(message);
    budget = list(p, "failed", failed, budget);
    budget = list(p, "published", published, budget);
    budget = list(p, "deferred", deferred, budget);
    list(p, "dropped", dropped, budget);
    return p;
  }

  /** The properties as {@link Properties#store} writes them (no comment). */
  static byte[] stored(Properties p) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Sets a comma-separated list that takes at most {@code budget} bytes stored; returns the rest.
   */
  private static int list(Properties props, String key, Iterable<Partition> ps, int budget) {
    String more = ",...";
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (Partition p : ps) {
      String s = (b.length() == 0 ? "" : ",") + p.relativePath();
      int n = escapedLength(s);
      if (used + n + escapedLength(more) > budget) {
        b.append(b.length() == 0 ? "..." : more);
        used += escapedLength(more);
        break;
      }
      b.append(s);
      used += n;
    }
    props.setProperty(key, b.toString());
    return budget - used;
  }

  /** The longest start of s that takes at most {@code budget} bytes stored, "..." marking a cut. */
  private static String cut(String s, int budget) {
    if (escapedLength(s) <= budget) {
      return s;
    }
    int used = 3;
    int i = 0;
    while (i < s.length() && used + escapedLength(s.substring(i, i + 1)) <= budget) {
      used += escapedLength(s.substring(i, i + 1));
      i++;
    }
    return s.substring(0, i) + "...";
  }

  /**
   * Bytes a value takes in {@link Properties#store}'s output: {@code \\}, {@code =}, {@code :},
   * {@code #}, {@code !} and control characters are escaped with a backslash, other characters
   * outside printable ASCII as {@code \\uXXXX}, a leading space as {@code "\\ "}.
   */
  static int escapedLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
        n += 2;
      } else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || (c == ' ' && i == 0)) {
        n += 2;
      } else if (c < 0x20 || c > 0x7e) {
        n += 6;
      } else {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "run "
        + runId
        + ": "
        + published.size()
        + " partitions published ("
        + files
        + " files), "
        + rowsIn
        + " rows read, "
        + rowsOut
        + " written, "
        + duplicates
        + " duplicates dropped, "
        + staleFilesRecovered
        + " stale in-use files recovered ("
        + staleRowsRecovered
        + " rows, "
        + staleBytesDropped
        + " bytes dropped), "
        + deferred.size()
        + " partitions deferred ("
        + liveInUseFiles
        + " live in-use files), "
        + failed.size()
        + " partitions failed, "
        + dropped.size()
        + " partitions dropped by retention";
  }
}
