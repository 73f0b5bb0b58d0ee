package org.pcap2hdfs.interceptor;

import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * Counters of one enrichment stage, shown in Flume's monitoring (JMX, HTTP JSON) as group {@code
 * INTERCEPTOR.<name>}.
 */
public final class EnrichmentCounters extends MonitoredCounterGroup
    implements EnrichmentCountersMBean {
  /** Events offered to the stage (a row block is one event). */
  public static final String EVENTS = "interceptor.events.in";

  /** Rows offered to the stage (a row block holds many). */
  public static final String ROWS = "interceptor.rows.in";

  /** Rows the stage set at least one field of. */
  public static final String ENRICHED = "interceptor.rows.enriched";

  /** Events passed on unchanged because their body is not a datum (or row block) of the schema. */
  public static final String UNDECODABLE = "interceptor.events.undecodable";

  /** Lookups (addresses, names) that found nothing. */
  public static final String LOOKUPS_MISSED = "interceptor.lookups.missed";

  /** Lookups answered from the stage's cache. */
  public static final String CACHE_HITS = "interceptor.cache.hits";

  /** Lookups that failed with an error (counted as missed too). */
  public static final String LOOKUP_FAILURES = "interceptor.lookup.failures";

  /** Successful loads of new reference data (database file swapped in, snapshot refreshed). */
  public static final String REFRESHES = "interceptor.refreshes";

  /** Failed loads of reference data; the previous data stays in use. */
  public static final String REFRESH_FAILURES = "interceptor.refresh.failures";

  private static final String[] ATTRIBUTES = {
    EVENTS,
    ROWS,
    ENRICHED,
    UNDECODABLE,
    LOOKUPS_MISSED,
    CACHE_HITS,
    LOOKUP_FAILURES,
    REFRESHES,
    REFRESH_FAILURES
  };

  public EnrichmentCounters(String name) {
    super(Type.INTERCEPTOR, name, ATTRIBUTES);
  }

  public void addBatch(long events, long rows, long enriched, long undecodable) {
    addAndGet(EVENTS, events);
    addAndGet(ROWS, rows);
    addAndGet(ENRICHED, enriched);
    addAndGet(UNDECODABLE, undecodable);
  }

  public void addLookups(long missed, long cacheHits, long failures) {
    addAndGet(LOOKUPS_MISSED, missed);
    addAndGet(CACHE_HITS, cacheHits);
    addAndGet(LOOKUP_FAILURES, failures);
  }

  public void incrementRefreshes() {
    increment(REFRESHES);
  }

  public void incrementRefreshFailures() {
    increment(REFRESH_FAILURES);
  }

  /** The current value of one of the constants above. */
  public long value(String counter) {
    return get(counter);
  }

  @Override
  public long getEventsIn() {
    return get(EVENTS);
  }

  @Override
  public long getRowsIn() {
    return get(ROWS);
  }

  @Override
  public long getRowsEnriched() {
    return get(ENRICHED);
  }

  @Override
  public long getEventsUndecodable() {
    return get(UNDECODABLE);
  }

  @Override
  public long getLookupsMissed() {
    return get(LOOKUPS_MISSED);
  }

  @Override
  public long getCacheHits() {
    return get(CACHE_HITS);
  }

  @Override
  public long getLookupFailures() {
    return get(LOOKUP_FAILURES);
  }

  @Override
  public long getRefreshes() {
    return get(REFRESHES);
  }

  @Override
  public long getRefreshFailures() {
    return get(REFRESH_FAILURES);
  }
}
