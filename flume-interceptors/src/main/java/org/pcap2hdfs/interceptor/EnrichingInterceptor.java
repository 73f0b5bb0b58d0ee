package org.pcap2hdfs.interceptor;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;

/**
 * The Flume side of enrichment: reads each event body into one reused {@link Row} (the stages'
 * input fields only, see {@link BodySplicer}), runs the stages on it and, when a stage set
 * something, rewrites the body with the new values. An event whose body cannot be decoded passes
 * unchanged and is counted; no event is ever dropped, so the returned list is the input list.
 *
 * <p>Calls are serialised (the row and the encoder are reused), which costs one uncontended lock
 * per batch.
 */
public class EnrichingInterceptor implements Interceptor {
  private final EnrichmentStage[] stages;
  private final EnrichmentCounters[] counters;
  private final long[] enrichedInBatch;
  private final Row row = new Row();
  private final ByteSink sink = new ByteSink(1024);
  private final BodySplicer splicer;
  private long eventsInBatch;
  private long undecodableInBatch;

  /** Stage {@code i} reports to {@code counters.get(i)}. */
  protected EnrichingInterceptor(List<EnrichmentStage> stages, List<EnrichmentCounters> counters) {
    if (stages.isEmpty() || stages.size() != counters.size()) {
      throw new IllegalArgumentException("one counter group per stage, at least one stage");
    }
    this.stages = stages.toArray(new EnrichmentStage[0]);
    this.counters = counters.toArray(new EnrichmentCounters[0]);
    this.enrichedInBatch = new long[this.stages.length];
    this.splicer =
        new BodySplicer(
            concat(stages, EnrichmentStage::inputFields),
            concat(stages, EnrichmentStage::outputFields));
  }

  private static int[] concat(
      List<EnrichmentStage> stages, java.util.function.Function<EnrichmentStage, int[]> fields) {
    return stages.stream().flatMapToInt(st -> java.util.Arrays.stream(fields.apply(st))).toArray();
  }

  @Override
  public synchronized void initialize() {
    List<EnrichmentStage> opened = new ArrayList<>();
    try {
      for (int i = 0; i < stages.length; i++) {
        counters[i].start();
        stages[i].open();
        opened.add(stages[i]);
      }
    } catch (RuntimeException e) {
      opened.forEach(EnrichmentStage::close);
      throw e;
    }
  }

  @Override
  public synchronized Event intercept(Event event) {
    beginBatch();
    try {
      enrich(event);
    } finally {
      endBatch();
    }
    return event;
  }

  @Override
  public synchronized List<Event> intercept(List<Event> events) {
    beginBatch();
    try {
      for (int i = 0, n = events.size(); i < n; i++) {
        enrich(events.get(i));
      }
    } finally {
      endBatch();
    }
    return events;
  }

  private void beginBatch() {
    eventsInBatch = 0;
    undecodableInBatch = 0;
    for (int i = 0; i < stages.length; i++) {
      enrichedInBatch[i] = 0;
      stages[i].beginBatch();
    }
  }

  private void enrich(Event event) {
    eventsInBatch++;
    byte[] body = event.getBody();
    if (!splicer.read(body, row)) {
      undecodableInBatch++;
      return;
    }
    boolean changed = false;
    for (int i = 0; i < stages.length; i++) {
      if (stages[i].enrich(row)) {
        enrichedInBatch[i]++;
        changed = true;
      }
    }
    if (changed) {
      sink.reset();
      splicer.write(body, row, sink);
      event.setBody(sink.toByteArray());
    }
  }

  private void endBatch() {
    for (int i = 0; i < stages.length; i++) {
      stages[i].endBatch();
      counters[i].addBatch(eventsInBatch, enrichedInBatch[i], undecodableInBatch);
    }
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < stages.length; i++) {
      stages[i].close();
      counters[i].stop();
    }
  }
}
