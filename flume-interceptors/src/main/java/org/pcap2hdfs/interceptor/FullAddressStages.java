package org.pcap2hdfs.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.privacy.FullAddressEnrichment;
import org.pcap2hdfs.row.Row;

/**
 * The enrichment stages run inside the PCAP source on the full client address, before privacy masks
 * it ({@code privacy.enrichFullAddress}): the same stages, keys and lookup code as {@link
 * EnrichmentInterceptor}, found by the source through {@link java.util.ServiceLoader} (this module
 * depends on the source's, not the other way round).
 *
 * <p>The source's worker threads build rows at once; stages are single-threaded, so each thread
 * gets its own stages (and caches) on first use, sharing the databases and one counter group per
 * stage ({@code <source>.privacy.<stage>}). A thread's batch, which pins one database version and
 * publishes the counts at its end, is {@link #BATCH_ROWS} rows.
 */
public final class FullAddressStages implements FullAddressEnrichment {
  /** Rows of one batch of a thread's stages. */
  static final int BATCH_ROWS = 1024;

  @Override
  public Factory configure(Map<String, String> settings, String keyPrefix) {
    List<StageSettings> stages =
        EnrichmentInterceptor.stageSettings(new Settings(new Context(settings), keyPrefix));
    return name -> new Enricher(stages, name);
  }

  /** Per-thread stages over shared databases and counters. */
  private static final class Enricher implements FullAddressEnricher {
    private final List<StageSettings> settings;
    private final List<EnrichmentCounters> counters = new ArrayList<>();
    private final List<ThreadStages> all = new ArrayList<>();
    private final ThreadLocal<ThreadStages> mine = ThreadLocal.withInitial(this::newThreadStages);

    Enricher(List<StageSettings> settings, String name) {
      this.settings = settings;
      for (StageSettings s : settings) {
        EnrichmentCounters c = new EnrichmentCounters(name + "." + s.kind());
        c.start();
        counters.add(c);
      }
      newThreadStages(); // opens every database once now: a bad one fails the start
    }

    private synchronized ThreadStages newThreadStages() {
      ThreadStages t = new ThreadStages(settings, counters);
      all.add(t);
      return t;
    }

    @Override
    public void enrich(Row row) {
      mine.get().enrich(row);
    }

    @Override
    public synchronized void close() {
      all.forEach(ThreadStages::close);
      all.clear();
      counters.forEach(EnrichmentCounters::stop);
    }
  }

  /** One thread's stages and its open batch. */
  private static final class ThreadStages {
    private final EnrichmentStage[] stages;
    private final EnrichmentCounters[] counters;
    private final long[] enriched;
    private int rows;

    ThreadStages(List<StageSettings> settings, List<EnrichmentCounters> counters) {
      this.stages = new EnrichmentStage[settings.size()];
      this.counters = counters.toArray(new EnrichmentCounters[0]);
      this.enriched = new long[stages.length];
      try {
        for (int i = 0; i < stages.length; i++) {
          stages[i] = settings.get(i).newStage(this.counters[i]);
          stages[i].open();
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    void enrich(Row row) {
      if (rows == 0) {
        for (EnrichmentStage s : stages) {
          s.beginBatch();
        }
      }
      for (int i = 0; i < stages.length; i++) {
        if (stages[i].enrich(row)) {
          enriched[i]++;
        }
      }
      if (++rows == BATCH_ROWS) {
        endBatch();
      }
    }

    private void endBatch() {
      for (int i = 0; i < stages.length; i++) {
        stages[i].endBatch();
        counters[i].addBatch(0, rows, enriched[i], 0);
        enriched[i] = 0;
      }
      rows = 0;
    }

    synchronized void close() {
      if (rows > 0) {
        endBatch();
      }
      for (EnrichmentStage s : stages) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
