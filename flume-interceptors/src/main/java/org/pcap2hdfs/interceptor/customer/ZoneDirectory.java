package org.pcap2hdfs.interceptor.customer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flume.FlumeException;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current snapshot of customer zones, refreshed by a background thread. Readers take the
 * snapshot with one volatile read and never wait on the database. A failed refresh keeps the last
 * good snapshot, is counted, and is logged at WARN once per outage (and INFO when it ends). Until
 * the first load succeeds (when starting empty is allowed) refreshes come every retry interval.
 */
final class ZoneDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ZoneDirectory.class);

  private final JdbcZoneSource source;
  private final CustomerSettings settings;
  private final EnrichmentCounters counters;
  private volatile ZoneTable current = ZoneTable.EMPTY;
  private volatile boolean loaded;
  private final Object refreshLock = new Object();
  private boolean inOutage;
  private int outages;
  private ScheduledExecutorService scheduler;

  ZoneDirectory(JdbcZoneSource source, CustomerSettings settings, EnrichmentCounters counters) {
    this.source = source;
    this.settings = settings;
    this.counters = counters;
  }

  ZoneTable current() {
    return current;
  }

  boolean loaded() {
    return loaded;
  }

  /**
   * Loads the first snapshot, then refreshes in the background.
   *
   * @throws FlumeException when the first load fails and the settings say to fail
   */
  void start() {
    boolean ok = refresh();
    if (!ok && settings.onStartFailure == CustomerSettings.OnStartFailure.FAIL) {
      throw new FlumeException(
          "customer zones: cannot load from "
              + source.url()
              + " at start (set onStartFailure = empty to start without them)");
    }
    synchronized (this) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "customer-zones-refresh");
                t.setDaemon(true);
                return t;
              });
    }
    scheduleNext();
  }

  private synchronized void scheduleNext() {
    if (scheduler == null) {
      return; // stopped
    }
    long delay = loaded ? settings.refreshMillis : settings.retryMillis;
    scheduler.schedule(
        () -> {
          refresh();
          scheduleNext();
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /** Loads a new snapshot now; true on success. */
  boolean refresh() {
    synchronized (refreshLock) {
      return load();
    }
  }

  private boolean load() {
    try {
      ZoneTable next = source.load();
      current = next;
      loaded = true;
      counters.incrementRefreshes();
      if (inOutage) {
        LOG.info("Customer zones: {} reachable again, {} zones loaded", source.url(), next.size());
        inOutage = false;
      } else {
        LOG.debug("Customer zones: {} zones loaded from {}", next.size(), source.url());
      }
      return true;
    } catch (Exception e) {
      counters.incrementRefreshFailures();
      if (!inOutage) {
        inOutage = true;
        outages++;
        LOG.warn(
            "Customer zones: loading from {} failed ({}); {} until it works again",
            source.url(),
            e.toString(),
            loaded ? "keeping the last snapshot of " + current.size() + " zones" : "no zones");
      } else {
        LOG.debug("Customer zones: loading from {} still fails", source.url(), e);
      }
      return false;
    }
  }

  /** Outages seen so far: each was logged at WARN once, when it began. */
  int outages() {
    synchronized (refreshLock) {
      return outages;
    }
  }

  synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
