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
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSink;

/**
 * Rows to Flume events (body: the row's Avro datum; headers: schema, timestamp, server,
 * server_location), delivered in batches. A batch the channel refuses is retried, unchanged, after
 * an exponential backoff: nothing is lost or skipped. Stopping the source aborts delivery.
 */
final class EventSink implements RowSink {
  static final String SCHEMA_URL_HEADER = "flume.avro.schema.url";
  static final String SCHEMA_LITERAL_HEADER = "flume.avro.schema.literal";
  static final String TIMESTAMP_HEADER = "timestamp";
  static final String SERVER_HEADER = "server";
  static final String LOCATION_HEADER = "server_location";
  private static final long FIRST_BACKOFF_MILLIS = 100;

  /** Thrown out of the decoder when the source stops while a file is being read. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("source stopping", null, false, false);
    }
  }

  private final ChannelProcessor channel;
  private final PcapSourceCounter counter;
  private final int batchSize;
  private final long maxBackoffMillis;
  private final BooleanSupplier stopping;
  private final String schemaHeader;
  private final String schemaValue;
  private final String server;
  private final String location;
  private final ByteSink buffer = new ByteSink(1024);
  private final List<Event> batch;
  private Runnable afterBatch = () -> {};

  EventSink(
      ChannelProcessor channel,
      PcapSourceCounter counter,
      PcapSourceConfig config,
      String schemaHeader,
      String schemaValue,
      String server,
      String location,
      BooleanSupplier stopping) {
    this.channel = channel;
    this.counter = counter;
    this.batchSize = config.batchSize;
    this.maxBackoffMillis = config.maxBackoffMillis;
    this.schemaHeader = schemaHeader;
    this.schemaValue = schemaValue;
    this.server = server;
    this.location = location;
    this.stopping = stopping;
    this.batch = new ArrayList<>(batchSize);
  }

  /** Runs after each delivered batch (counter reports). */
  void afterBatch(Runnable r) {
    afterBatch = r;
  }

  @Override
  public void row(Row row) throws Stopped, InterruptedException {
    buffer.reset();
    AvroRowCodec.encode(row, buffer);
    Map<String, String> headers = new EventHeaders(4);
    headers.put(schemaHeader, schemaValue);
    headers.put(TIMESTAMP_HEADER, timestampText(row.getLong(Fields.TIME)));
    headers.put(SERVER_HEADER, server);
    headers.put(LOCATION_HEADER, location);
    // SimpleEvent takes the map as it is (EventBuilder would copy it into another HashMap).
    SimpleEvent event = new SimpleEvent();
    event.setBody(buffer.toByteArray());
    event.setHeaders(headers);
    batch.add(event);
    if (batch.size() >= batchSize) {
      flush();
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

  /** Delivers what is batched; returns once the channel has committed it. */
  void flush() throws Stopped, InterruptedException {
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
        batch.clear();
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
