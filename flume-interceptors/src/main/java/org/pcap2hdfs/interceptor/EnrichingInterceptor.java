package org.pcap2hdfs.interceptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;

/**
 * The Flume side of enrichment: decodes each event body into one reused {@link Row}, runs the
 * stages on it and re-encodes the body when a stage set something. An event whose body cannot be
 * decoded passes unchanged and is counted; no event is ever dropped, so the returned list is the
 * input list.
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
    if (!decode(body)) {
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
      AvroRowCodec.encode(row, sink);
      event.setBody(sink.toByteArray());
    }
  }

  /** True when {@code body} is exactly one datum of the schema. */
  private boolean decode(byte[] body) {
    if (body == null) {
      return false;
    }
    try {
      return AvroRowCodec.decode(body, 0, body.length, row) == body.length;
    } catch (IOException | RuntimeException e) {
      return false;
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
