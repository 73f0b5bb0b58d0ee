package org.pcap2hdfs.flume;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.EventRows;
import org.pcap2hdfs.testing.Waits;

/**
 * The source wired to a real {@link MemoryChannel} through a {@link ChannelProcessor}, with a drain
 * that takes events off the channel (the "sink"), which tests can pause.
 */
final class SourceHarness implements AutoCloseable {
  final Path spoolDir;
  final MemoryChannel channel = new MemoryChannel();
  final PcapSpoolingSource source = new PcapSpoolingSource();
  final List<Event> delivered = new CopyOnWriteArrayList<>();
  private volatile boolean draining = true;
  private volatile boolean closed;
  private Thread drain;
  private final Map<String, String> settings = new HashMap<>();

  SourceHarness(Path spoolDir, int channelCapacity, String... keyValues) {
    this.spoolDir = spoolDir;
    Map<String, String> ch = new HashMap<>();
    ch.put("capacity", Integer.toString(channelCapacity));
    ch.put("transactionCapacity", "1000");
    ch.put("keep-alive", "0"); // take() and a full put() return at once instead of waiting 3 s
    Configurables.configure(channel, new Context(ch));
    settings.put("spoolDir", spoolDir.toString());
    settings.put("minFileAgeMs", "0");
    settings.put("pollDelay", "50");
    settings.put("batchSize", "100");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
  }

  SourceHarness start() {
    channel.start();
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of((Channel) channel));
    ChannelProcessor processor = new ChannelProcessor(selector);
    Context interceptors = new Context();
    String chain = settings.get("interceptors");
    if (chain != null) {
      interceptors.put("interceptors", chain);
      settings.forEach(
          (k, v) -> {
            if (k.startsWith("interceptors.")) {
              interceptors.put(k, v);
            }
          });
    }
    processor.configure(interceptors);
    source.setName("pcap");
    source.setChannelProcessor(processor);
    Configurables.configure(source, new Context(settings));
    source.start();
    drain = new Thread(this::drainLoop, "drain");
    drain.setDaemon(true);
    drain.start();
    return this;
  }

  /**
   * Starts with the drain paused, so the channel fills up and refuses puts; returns, the drain
   * running again, once the source has backed off {@code backoffs} times without marking a file
   * done in the meantime.
   */
  SourceHarness startRefusing(int backoffs, Duration wait) throws InterruptedException {
    pauseDrain();
    start();
    Waits.until(
        wait,
        "the channel to be full and the source backing off",
        () -> source.counter().getChannelBackoffs() >= backoffs);
    if (source.counter().getFilesDone() != 0) {
      throw new AssertionError(
          source.counter().getFilesDone() + " file(s) marked done while the channel refused puts");
    }
    resumeDrain();
    return this;
  }

  void pauseDrain() {
    draining = false;
  }

  void resumeDrain() {
    draining = true;
  }

  private void drainLoop() {
    while (!closed) {
      if (!draining) {
        sleep();
        continue;
      }
      Transaction tx = channel.getTransaction();
      tx.begin();
      int n = 0;
      try {
        for (Event e; n < 500 && (e = channel.take()) != null; n++) {
          delivered.add(e);
        }
        tx.commit();
      } finally {
        tx.close();
      }
      if (n == 0) {
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The delivered rows (of one-datum events and of row blocks) decoded with the schema. */
  List<GenericRecord> rows() throws IOException {
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(RowSchema.get().avro());
    List<GenericRecord> out = new ArrayList<>();
    for (Event e : delivered) {
      for (byte[] datum : EventRows.datums(e)) {
        org.apache.avro.io.BinaryDecoder in = DecoderFactory.get().binaryDecoder(datum, null);
        out.add(reader.read(null, in));
        if (!in.isEnd()) {
          throw new IOException("a datum with bytes left over");
        }
      }
    }
    return out;
  }

  /** Rows delivered so far. */
  long rowCount() {
    return EventRows.count(delivered);
  }

  void stopSource() {
    source.stop();
  }

  @Override
  public void close() {
    if (source.getLifecycleState() == org.apache.flume.lifecycle.LifecycleState.START) {
      source.stop();
    }
    closed = true;
    if (drain != null) {
      try {
        drain.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channel.stop();
  }
}
