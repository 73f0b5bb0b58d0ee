package org.pcap2hdfs.interceptor.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database file that is reloaded when it changes on disk. A background thread compares the file's
 * {@link FileStamp} every check interval; on a change it loads the new file completely, then swaps
 * it in with one atomic reference write. Batches hold the version they started with ({@link
 * #acquire}), so none sees a half-loaded database and none loses rows; the old version is closed
 * when the last batch using it releases it. A file that fails to load leaves the current version in
 * place and is retried at the next check.
 */
final class ReloadingDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingDatabase.class);

  private final Path path;
  private final AtomicReference<OpenDatabase> current;
  private final List<EnrichmentCounters> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService checker;
  private FileStamp loaded;
  private FileStamp failed;

  /**
   * Loads {@code path} now.
   *
   * @param checkMillis how often to look for a new file; 0 never
   */
  ReloadingDatabase(Path path, long checkMillis) throws IOException {
    this.path = path;
    this.loaded = FileStamp.of(path);
    this.current = new AtomicReference<>(OpenDatabase.load(path));
    if (checkMillis > 0) {
      checker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "geoip-reload-" + path.getFileName());
                t.setDaemon(true);
                return t;
              });
      checker.scheduleWithFixedDelay(
          this::checkQuietly, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    } else {
      checker = null;
    }
  }

  Path path() {
    return path;
  }

  /** Counters that hear of reloads and failed reloads. */
  void addListener(EnrichmentCounters counters) {
    listeners.add(counters);
  }

  void removeListener(EnrichmentCounters counters) {
    listeners.remove(counters);
  }

  /** The current version, retained: the caller must {@link OpenDatabase#release} it. */
  OpenDatabase acquire() {
    for (; ; ) {
      OpenDatabase d = current.get();
      if (d == null) {
        throw new IllegalStateException("database " + path + " is closed");
      }
      if (d.retain()) {
        return d;
      }
    }
  }

  private void checkQuietly() {
    try {
      checkForUpdate();
    } catch (RuntimeException e) {
      LOG.warn("Checking {} for a new version failed", path, e);
    }
  }

  /** Looks at the file once; true when a new version was swapped in. */
  synchronized boolean checkForUpdate() {
    FileStamp now;
    try {
      now = FileStamp.of(path);
    } catch (IOException e) {
      return reportFailure(null, "cannot be read (" + e + "); keeping the loaded version");
    }
    if (now.equals(loaded) || now.equals(failed)) {
      return false;
    }
    OpenDatabase next;
    try {
      next = OpenDatabase.load(path);
    } catch (IOException | RuntimeException e) {
      return reportFailure(
          now, "failed to load (" + e.getMessage() + "); keeping the loaded version");
    }
    OpenDatabase previous = current.get();
    if (previous != null
        && (next.kind == DatabaseKind.ASN) != (previous.kind == DatabaseKind.ASN)) {
      next.release();
      return reportFailure(
          now, "is now a " + next.databaseType + " database, not a " + previous.databaseType);
    }
    previous = current.getAndSet(next);
    if (previous != null) {
      previous.release();
    }
    loaded = now;
    failed = null;
    LOG.info("Loaded new version of {} ({}, {})", path, next.databaseType, now);
    listeners.forEach(EnrichmentCounters::incrementRefreshes);
    return true;
  }

  /** Counts a failed reload; WARNs once per bad file version. */
  private boolean reportFailure(FileStamp stamp, String problem) {
    if (stamp == null || !stamp.equals(failed)) {
      LOG.warn("GeoIP database {} {}", path, problem);
    }
    failed = stamp;
    listeners.forEach(EnrichmentCounters::incrementRefreshFailures);
    return false;
  }

  /** Stops checking and releases the owner's reference to the current version. */
  void close() {
    if (checker != null) {
      checker.shutdownNow();
    }
    OpenDatabase d = current.getAndSet(null);
    if (d != null) {
      d.release();
    }
  }
}
