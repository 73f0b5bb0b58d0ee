package org.pcap2hdfs.interceptor;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowBlock;
import org.pcap2hdfs.row.RowSchema;

/**
 * The Flume side of enrichment: reads each row of an event body (one datum, or every datum of a
 * {@link RowBlock}) into one reused {@link Row} (the stages' input fields only, see {@link
 * BodySplicer}), runs the stages on it and, when a stage set something, rewrites the body with the
 * new values. An event whose body cannot be decoded (any of a block's rows) passes unchanged and is
 * counted; an event of another row kind (header {@code rowkind}, e.g. ICMP) passes untouched; no
 * event is ever dropped, so the returned list is the input list.
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
  private final RowBlock.Reader blockIn = new RowBlock.Reader();
  private final RowBlock.Writer blockOut = new RowBlock.Writer();
  private final long[] enrichedBeforeBlock;
  private final BodySplicer splicer;
  private long eventsInBatch;
  private long rowsInBatch;
  private long undecodableInBatch;

  /** Stage {@code i} reports to {@code counters.get(i)}. */
  protected EnrichingInterceptor(List<EnrichmentStage> stages, List<EnrichmentCounters> counters) {
    if (stages.isEmpty() || stages.size() != counters.size()) {
      throw new IllegalArgumentException("one counter group per stage, at least one stage");
    }
    this.stages = stages.toArray(new EnrichmentStage[0]);
    this.counters = counters.toArray(new EnrichmentCounters[0]);
    this.enrichedInBatch = new long[this.stages.length];
    this.enrichedBeforeBlock = new long[this.stages.length];
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
    rowsInBatch = 0;
    undecodableInBatch = 0;
    for (int i = 0; i < stages.length; i++) {
      enrichedInBatch[i] = 0;
      stages[i].beginBatch();
    }
  }

  private void enrich(Event event) {
    eventsInBatch++;
    if (event.getHeaders().containsKey(RowSchema.KIND_HEADER)) {
      return; // an ICMP (not a DNS) row: another schema, passed through untouched
    }
    byte[] body = event.getBody();
    if (RowBlock.isBlock(event.getHeaders())) {
      enrichBlock(event, body);
      return;
    }
    rowsInBatch++;
    if (!splicer.read(body, row)) {
      undecodableInBatch++;
      return;
    }
    if (runStages()) {
      sink.reset();
      splicer.write(body, row, sink);
      event.setBody(sink.toByteArray());
    }
  }

  /** Enriches every row of a block; the block stays as it was if any row cannot be read. */
  private void enrichBlock(Event event, byte[] body) {
    if (body == null || !blockIn.read(body)) {
      undecodableInBatch++;
      return;
    }
    int n = blockIn.count();
    rowsInBatch += n;
    System.arraycopy(enrichedInBatch, 0, enrichedBeforeBlock, 0, stages.length);
    blockOut.reset();
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      int offset = blockIn.offset(i);
      int length = blockIn.length(i);
      if (!splicer.read(body, offset, length, row)) {
        System.arraycopy(enrichedBeforeBlock, 0, enrichedInBatch, 0, stages.length);
        undecodableInBatch++;
        return;
      }
      if (runStages()) {
        splicer.write(body, offset, length, row, blockOut.data());
        blockOut.endDatum();
        changed = true;
      } else {
        blockOut.add(body, offset, length);
      }
    }
    if (changed) {
      event.setBody(blockOut.toBody());
    }
  }

  /** Runs every stage on the row; true when one of them set something. */
  private boolean runStages() {
    boolean changed = false;
    for (int i = 0; i < stages.length; i++) {
      if (stages[i].enrich(row)) {
        enrichedInBatch[i]++;
        changed = true;
      }
    }
    return changed;
  }

  private void endBatch() {
    for (int i = 0; i < stages.length; i++) {
      stages[i].endBatch();
      counters[i].addBatch(eventsInBatch, rowsInBatch, enrichedInBatch[i], undecodableInBatch);
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
