package org.pcap2hdfs.compaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** What a run did, for the log and for Oozie's capture-output. */
public final class RunReport {
  /** Oozie keeps at most 2 KB of action output by default; longer lists are cut. */
  static final int MAX_LIST_CHARS = 1500;

  private final String runId;
  private final Set<Partition> published = new LinkedHashSet<>();
  private final List<Partition> dropped = new ArrayList<>();
  private final List<Partition> deferred = new ArrayList<>();
  private final List<Partition> failed = new ArrayList<>();
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
  void failed(Partition p) {
    failed.add(p);
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

  /** The action output: counts, partition lists (cut to fit) and the Impala batch, if any. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("runId", runId);
    p.setProperty("publishedCount", Integer.toString(published.size()));
    p.setProperty("published", list(published));
    p.setProperty("droppedCount", Integer.toString(dropped.size()));
    p.setProperty("dropped", list(dropped));
    p.setProperty("rowsIn", Long.toString(rowsIn));
    p.setProperty("rowsOut", Long.toString(rowsOut));
    p.setProperty("duplicates", Long.toString(duplicates));
    p.setProperty("files", Long.toString(files));
    p.setProperty("staleFilesRecovered", Long.toString(staleFilesRecovered));
    p.setProperty("staleRowsRecovered", Long.toString(staleRowsRecovered));
    p.setProperty("staleBytesDropped", Long.toString(staleBytesDropped));
    p.setProperty("liveInUseFiles", Long.toString(liveInUseFiles));
    p.setProperty("deferredCount", Integer.toString(deferred.size()));
    p.setProperty("deferred", list(deferred));
    p.setProperty("impalaBatch", impalaBatch);
    p.setProperty("impalaScript", impalaScript);
    return p;
  }

  private static String list(Iterable<Partition> ps) {
    StringBuilder b = new StringBuilder();
    for (Partition p : ps) {
      String s = p.relativePath();
      if (b.length() + s.length() + 4 > MAX_LIST_CHARS) {
        return b.append(",...").toString();
      }
      b.append(b.length() == 0 ? "" : ",").append(s);
    }
    return b.toString();
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
