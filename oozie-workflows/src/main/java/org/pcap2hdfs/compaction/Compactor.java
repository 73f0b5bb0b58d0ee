package org.pcap2hdfs.compaction;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionConfig.Engine;
import org.pcap2hdfs.compaction.CompactionConfig.ImpalaMode;
import org.pcap2hdfs.compaction.impala.ImpalaStatements;
import org.pcap2hdfs.compaction.impala.PendingPartitions;
import org.pcap2hdfs.compaction.mapreduce.MapReduceSliceRunner;
import org.pcap2hdfs.compaction.publish.Manifest;
import org.pcap2hdfs.compaction.publish.Publisher;
import org.pcap2hdfs.compaction.publish.WorkLayout;
import org.pcap2hdfs.compaction.task.LocalSliceRunner;
import org.pcap2hdfs.compaction.task.Slice;
import org.pcap2hdfs.compaction.task.SlicePlan;
import org.pcap2hdfs.compaction.task.SliceResult;
import org.pcap2hdfs.compaction.task.SliceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compaction run: roll committed transactions forward, clear abandoned scratch, cut the
 * selected staging partitions into slices ({@link SlicePlan}), compact every slice in a task (local
 * threads or a MapReduce job on YARN, {@link CompactionConfig#ENGINE}), then publish each partition
 * whose slices all succeeded as its own transaction, apply retention, and (shell mode) prepare the
 * Impala batch. Until a partition's commit nothing of it is visible. A partition a live writer
 * still has an in-use file of waits for a later run; one with a staged file that cannot be read
 * fails alone, and the run fails at its end (or, {@link #runReportingFailures}, reports it).
 */
public final class Compactor {
  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final CompactionConfig config;
  private final Clock clock;
  private final CompactionHooks hooks;

  public Compactor(CompactionConfig config, Clock clock, CompactionHooks hooks) {
    this.config = config;
    this.clock = clock;
    this.hooks = hooks;
  }

  /**
   * Runs, and throws at the end when a partition failed (after publishing the others).
   *
   * @throws CompactionException the one partition failure, or all of them in one message
   */
  public RunReport run() throws IOException {
    RunReport report = runReportingFailures();
    if (report.failure() != null) {
      throw report.failure();
    }
    return report;
  }

  /**
   * Runs; a partition that fails (a staged file it cannot read) is in the report ({@link
   * RunReport#failed()}, {@link RunReport#failure()}) instead of thrown, so that the caller can
   * still pass on what was published (Oozie's capture-output) before it fails. Other errors are
   * thrown at once.
   */
  public RunReport runReportingFailures() throws IOException {
    FileSystem fs = config.warehouseDir().getFileSystem(config.hadoop());
    FileSystem stagingFs = config.stagingDir().getFileSystem(config.hadoop());
    Path warehouse = fs.makeQualified(config.warehouseDir());
    sameFileSystem(fs, config.workDir(), CompactionConfig.WORK_DIR);
    if (config.archiveDir() != null) {
      sameFileSystem(stagingFs, config.archiveDir(), CompactionConfig.ARCHIVE_DIR);
    }
    String runId = newRunId();
    RunReport report = new RunReport(runId);
    WorkLayout layout = new WorkLayout(fs.makeQualified(config.workDir()));
    PendingPartitions pending =
        config.impalaMode() == ImpalaMode.SKIP
            ? null
            : new PendingPartitions(fs, layout.impalaRoot());
    Publisher publisher =
        new Publisher(
            fs,
            stagingFs,
            layout,
            warehouse,
            hooks,
            p -> {
              if (pending != null) {
                pending.markAdded(p);
              }
            });

    for (Manifest m : publisher.recover()) {
      report.published(m.partition(), m.outputs().size());
    }
    fs.delete(layout.scratchRoot(), true);

    PartitionFilter filter = PartitionFilter.of(config.partitions(), config.grace(), clock);
    long staleBefore = clock.millis() - config.staleInUse().toMillis();
    List<StagedPartition> staged =
        new StagingScanner(stagingFs, config.stagingDir(), config.inputSuffix(), staleBefore)
            .scan(filter);
    LOG.info("run {}: {} partitions to compact", runId, staged.size());
    List<StagedPartition> ready = new ArrayList<>();
    List<String> txns = new ArrayList<>();
    for (StagedPartition sp : staged) {
      if (!sp.live().isEmpty()) {
        LOG.warn(
            "{} deferred: a writer may still be at work ({} in-use files still open on HDFS or"
                + " modified within {}={} min: {}); compacted once they are closed or stale",
            sp.partition(),
            sp.live().size(),
            CompactionConfig.STALE_IN_USE_MINUTES,
            config.staleInUse().toMinutes(),
            sp.live());
        report.deferred(sp.partition(), sp.live().size());
        continue;
      }
      ready.add(sp);
      txns.add(String.format("%s-%04d", runId, txns.size()));
    }
    SlicePlan plan = SlicePlan.of(ready, txns, config.sliceBytes());
    Path out = new Path(layout.scratch(runId), "out");
    LOG.info(
        "run {}: {} slices of {} partitions on the {} engine",
        runId,
        plan.slices().size(),
        ready.size(),
        config.engine().name().toLowerCase(Locale.ROOT));
    runner(fs, stagingFs).run(plan, out);

    for (int i = 0; i < ready.size(); i++) {
      StagedPartition sp = ready.get(i);
      String txn = txns.get(i);
      List<SliceResult> results = new ArrayList<>();
      String failure = null;
      for (Slice s : plan.slices()) {
        if (s.txn().equals(txn)) {
          SliceResult r = SliceResult.read(fs, SliceResult.path(out, txn, s.index()));
          results.add(r);
          failure = failure != null ? failure : r.failure();
        }
      }
      if (failure != null) {
        report.failed(sp.partition(), new StagedFileException(failure));
        continue;
      }
      Manifest m = manifest(stagingFs, sp, results);
      Path from = new Path(out, txn);
      if (!fs.rename(from, layout.scratch(txn))) {
        throw new CompactionException("cannot move " + from + " to " + layout.scratch(txn));
      }
      publisher.writeManifest(txn, m);
      publisher.commit(txn);
      publisher.publish(txn);
      report.published(sp.partition(), m.outputs().size());
      long rowsIn = 0;
      long rowsOut = 0;
      long duplicates = 0;
      long readMs = 0;
      long writeMs = 0;
      for (SliceResult r : results) {
        rowsIn += r.rowsIn();
        rowsOut += r.rowsOut();
        duplicates += r.duplicates();
        readMs += r.readNanos() / 1_000_000;
        writeMs += r.writeNanos() / 1_000_000;
        report.compacted(r.rowsIn(), r.rowsOut(), r.duplicates());
        report.recovered(r.staleFiles(), r.staleRows(), r.staleBytesDropped());
      }
      LOG.info(
          "{}: {} rows read, {} written to {} files in {} slices, {} duplicates dropped;"
              + " read+sort {} ms, merge+write {} ms (task time)",
          sp.partition(),
          rowsIn,
          rowsOut,
          m.outputs().size(),
          results.size(),
          duplicates,
          readMs,
          writeMs);
    }

    fs.delete(layout.scratchRoot(), true);
    if (config.retentionDays() > 0) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      report.dropped(
          new Retention(
                  fs, warehouse, stagingFs, config.archiveDir(), config.retentionDays(), pending)
              .run(today));
    }
    if (config.impalaMode() == ImpalaMode.SHELL) {
      Path batch =
          pending.newBatch(
              runId, new ImpalaStatements(config.impalaTable(), config.impalaComputeStats()));
      if (batch != null) {
        report.impalaBatch(batch.toString(), new Path(batch, PendingPartitions.SCRIPT).toString());
      }
    }
    LOG.info("{}", report);
    return report;
  }

  private SliceRunner runner(FileSystem fs, FileSystem stagingFs) {
    return config.engine() == Engine.MAPREDUCE
        ? new MapReduceSliceRunner(fs, config, hooks)
        : new LocalSliceRunner(fs, stagingFs, config, hooks);
  }

  /** The partition's manifest: the files of all its slices, and its staged files to dispose of. */
  private Manifest manifest(FileSystem stagingFs, StagedPartition sp, List<SliceResult> results) {
    Partition p = sp.partition();
    List<Manifest.OutputFile> outputs = new ArrayList<>();
    for (SliceResult r : results) {
      outputs.addAll(r.outputs());
    }
    List<Manifest.InputFile> inputs = new ArrayList<>();
    List<Path> consumed = new ArrayList<>(sp.files());
    consumed.addAll(sp.stale());
    for (Path in : consumed) {
      Path archive =
          config.archiveDir() == null
              ? null
              : stagingFs.makeQualified(
                  new Path(new Path(config.archiveDir(), p.relativePath()), in.getName()));
      inputs.add(new Manifest.InputFile(stagingFs.makeQualified(in), archive));
    }
    return new Manifest(p, outputs, inputs);
  }

  private String newRunId() {
    byte[] r = new byte[3];
    new SecureRandom().nextBytes(r);
    return RUN_TIME.format(clock.instant()) + String.format("-%02x%02x%02x", r[0], r[1], r[2]);
  }

  private static void sameFileSystem(FileSystem fs, Path p, String key) {
    URI a = fs.getUri();
    URI b = p.toUri();
    if (b.getScheme() == null) {
      return;
    }
    boolean same =
        b.getScheme().equalsIgnoreCase(a.getScheme())
            && (b.getAuthority() == null
                || b.getAuthority().equalsIgnoreCase(String.valueOf(a.getAuthority())));
    if (!same) {
      throw new IllegalArgumentException(
          key + "=" + p + " must be on " + a + " (files are published by rename)");
    }
  }
}
