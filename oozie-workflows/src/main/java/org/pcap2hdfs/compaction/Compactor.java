package org.pcap2hdfs.compaction;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionConfig.ImpalaMode;
import org.pcap2hdfs.compaction.impala.ImpalaStatements;
import org.pcap2hdfs.compaction.impala.PendingPartitions;
import org.pcap2hdfs.compaction.parquet.RollingParquetWriter;
import org.pcap2hdfs.compaction.publish.Manifest;
import org.pcap2hdfs.compaction.publish.Publisher;
import org.pcap2hdfs.compaction.publish.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compaction run: roll committed transactions forward, clear abandoned scratch, compact and
 * publish each selected staging partition as its own transaction, apply retention, and (shell mode)
 * prepare the Impala batch. A partition a live writer still has an in-use file of waits for a later
 * run; one with a staged file that cannot be read fails alone, and the run fails at its end (or,
 * {@link #runReportingFailures}, reports it).
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
    PartitionCompactor compactor =
        new PartitionCompactor(fs, stagingFs, config, new RollingParquetWriter.SizeModel(), hooks);
    int n = 0;
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
      String txn = String.format("%s-%04d", runId, n++);
      LOG.info("compacting {} as {}", sp, txn);
      Manifest m;
      try {
        m = compactor.compact(sp, txn, layout.scratch(txn));
      } catch (StagedFileException e) {
        LOG.error("{} failed, its staging is kept: {}", sp.partition(), e.getMessage());
        report.failed(sp.partition(), e);
        continue;
      }
      publisher.writeManifest(txn, m);
      publisher.commit(txn);
      publisher.publish(txn);
      report.compacted(compactor.rowsIn(), compactor.rowsOut(), compactor.duplicates());
      report.recovered(
          compactor.staleFiles(), compactor.staleRows(), compactor.staleBytesDropped());
      report.published(sp.partition(), m.outputs().size());
      LOG.info(
          "{}: {} rows read, {} written to {} files, {} duplicates dropped, {} runs spilled;"
              + " read+sort {} ms, merge+write {} ms",
          sp.partition(),
          compactor.rowsIn(),
          compactor.rowsOut(),
          m.outputs().size(),
          compactor.duplicates(),
          compactor.spilledRuns(),
          compactor.readNanos() / 1_000_000,
          compactor.writeNanos() / 1_000_000);
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
