package org.pcap2hdfs.flume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.event.SimpleEvent;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowBlock;
import org.pcap2hdfs.row.RowSink;

/**
 * Rows of one kind (DNS or ICMP) to Flume events, delivered in batches. With {@code rowsPerEvent =
 * 1} an event body is one row's Avro datum; with more it is a {@link RowBlock} of consecutive rows.
 * Headers: schema, timestamp (of the first row), server, server_location, for a block its row
 * count, and for ICMP rows {@code rowkind=icmp}. A block holds rows of one 15-minute period only,
 * so that it falls in one partition of any hourly or daily path layout (in any time zone whose
 * offset is a multiple of 15 minutes); the source flushes at the end of each file, so a block never
 * spans two capture files.
 *
 * <p>A batch the channel refuses is retried, unchanged, after an exponential backoff: nothing is
 * lost or skipped. Stopping the source aborts delivery.
 */
public final class EventSink implements RowSink {
  public static final String SCHEMA_URL_HEADER = "flume.avro.schema.url";
  public static final String SCHEMA_LITERAL_HEADER = "flume.avro.schema.literal";
  static final String TIMESTAMP_HEADER = "timestamp";
  static final String SERVER_HEADER = "server";
  static final String LOCATION_HEADER = "server_location";
  private static final long FIRST_BACKOFF_MILLIS = 100;
  static final long BLOCK_PERIOD_MILLIS = 15 * 60 * 1000;

  /** Thrown out of the decoder when the source stops while a file is being read. */
  public static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("source stopping", null, false, false);
    }
  }

  private final ChannelProcessor channel;
  private final PcapSourceCounter counter;
  private final int batchSize;
  private final int rowsPerEvent;
  private final int maxEventBytes;
  private final long maxBackoffMillis;
  private final BooleanSupplier stopping;
  private final EventSchema events;
  private final String server;
  private final String location;
  private final ByteSink buffer = new ByteSink(1024);
  private final RowBlock.Writer block;
  private long blockMillis;
  private long blockPeriod;
  private final List<Event> batch;
  private long rowsInBatch;
  private Runnable afterBatch = () -> {};

  EventSink(
      ChannelProcessor channel,
      PcapSourceCounter counter,
      PcapSourceConfig config,
      EventSchema events,
      String server,
      String location,
      BooleanSupplier stopping) {
    this(
        channel,
        counter,
        config.batchSize,
        config.rowsPerEvent,
        config.maxEventBytes,
        config.maxBackoffMillis,
        events,
        server,
        location,
        stopping);
  }

  /** A sink for other sources (live capture): the delivery keys of {@link PcapSourceConfig}. */
  public EventSink(
      ChannelProcessor channel,
      PcapSourceCounter counter,
      int batchSize,
      int rowsPerEvent,
      int maxEventBytes,
      long maxBackoffMillis,
      EventSchema events,
      String server,
      String location,
      BooleanSupplier stopping) {
    this.channel = channel;
    this.counter = counter;
    this.batchSize = batchSize;
    this.rowsPerEvent = rowsPerEvent;
    this.maxEventBytes = maxEventBytes;
    this.block = rowsPerEvent > 1 ? new RowBlock.Writer() : null;
    this.maxBackoffMillis = maxBackoffMillis;
    this.events = events;
    this.server = server;
    this.location = location;
    this.stopping = stopping;
    this.batch = new ArrayList<>(batchSize);
  }

  /** Runs after each delivered batch (counter reports). */
  public void afterBatch(Runnable r) {
    afterBatch = r;
  }

  @Override
  public void row(Row row) throws Stopped, InterruptedException {
    buffer.reset();
    AvroRowCodec.encode(row, buffer);
    long millis = row.getLong(events.timeField);
    if (block == null) {
      SimpleEvent event = event(buffer.toByteArray(), millis);
      add(event, 1);
      return;
    }
    long period = Math.floorDiv(millis, BLOCK_PERIOD_MILLIS);
    int n = buffer.length();
    if (block.count() > 0
        && (period != blockPeriod || block.bodyBytes() + n + 10 > maxEventBytes)) {
      endBlock();
    }
    if (block.count() == 0) {
      blockMillis = millis;
      blockPeriod = period;
    }
    block.add(buffer.bytes(), 0, n);
    if (block.count() >= rowsPerEvent) {
      endBlock();
    }
  }

  private void endBlock() throws Stopped, InterruptedException {
    int rows = block.count();
    if (rows == 0) {
      return;
    }
    SimpleEvent event = event(block.toBody(), blockMillis);
    event.getHeaders().put(RowBlock.ROWS_HEADER, Integer.toString(rows));
    block.reset();
    add(event, rows);
  }

  private SimpleEvent event(byte[] body, long millis) {
    Map<String, String> headers =
        new EventHeaders((block == null ? 4 : 5) + (events.rowKind == null ? 0 : 1));
    headers.put(events.header, events.value);
    headers.put(TIMESTAMP_HEADER, timestampText(millis));
    headers.put(SERVER_HEADER, server);
    headers.put(LOCATION_HEADER, location);
    if (events.rowKind != null) {
      headers.put(EventSchema.ROW_KIND_HEADER, events.rowKind);
    }
    // SimpleEvent takes the map as it is (EventBuilder would copy it into another HashMap).
    SimpleEvent event = new SimpleEvent();
    event.setBody(body);
    event.setHeaders(headers);
    return event;
  }

  private void add(Event event, int rows) throws Stopped, InterruptedException {
    batch.add(event);
    rowsInBatch += rows;
    if (batch.size() >= batchSize) {
      deliver();
    }
  }

  private long lastMillis = Long.MIN_VALUE;
  private String lastMillisText;

  /** Rows come in capture order, many within one millisecond: reuse its text. */
  private String timestampText(long millis) {
    if (millis != lastMillis) {
      lastMillis = millis;
      lastMillisText = Long.toString(millis);
    }
    return lastMillisText;
  }

  /** Delivers every row so far; returns once the channel has committed it. */
  public void flush() throws Stopped, InterruptedException {
    if (block != null) {
      endBlock();
    }
    deliver();
  }

  private void deliver() throws Stopped, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      if (stopping.getAsBoolean()) {
        throw new Stopped();
      }
      counter.incrementAppendBatchReceivedCount();
      counter.addToEventReceivedCount(batch.size());
      try {
        channel.processEventBatch(batch);
        counter.incrementAppendBatchAcceptedCount();
        counter.addToEventAcceptedCount(batch.size());
        if (events.rowKind == null) {
          counter.rowsAccepted(rowsInBatch);
        } else {
          counter.icmpRowsAccepted(rowsInBatch);
        }
        batch.clear();
        rowsInBatch = 0;
        afterBatch.run();
        return;
      } catch (ChannelException e) {
        counter.incrementChannelWriteFail();
        counter.channelBackoff();
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMillis);
      }
    }
  }
}
