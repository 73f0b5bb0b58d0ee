package org.pcap2hdfs.flume.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.flume.Context;
import org.apache.flume.EventDrivenSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.source.AbstractSource;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.flume.EventSchema;
import org.pcap2hdfs.flume.EventSink;
import org.pcap2hdfs.flume.FlumeContexts;
import org.pcap2hdfs.flume.PcapSpoolingSource;
import org.pcap2hdfs.row.RowSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume source that captures DNS traffic live from a network interface with libpcap and emits the
 * same rows as {@link PcapSpoolingSource}: a capture thread feeds a bounded queue, a decoding
 * thread decodes, reassembles and joins. Stopping emits the queries still pending.
 *
 * <pre>
 * a1.sources.r1.type = org.pcap2hdfs.flume.live.PcapLiveSource
 * a1.sources.r1.interface = eth0
 * a1.sources.r1.server = ns1.example.net
 * </pre>
 */
public final class PcapLiveSource extends AbstractSource
    implements Configurable, EventDrivenSource {
  private static final Logger LOG = LoggerFactory.getLogger(PcapLiveSource.class);
  private static final long STOP_CAPTURE_MILLIS = 10_000;
  private static final long STOP_DELIVERY_MILLIS = 30_000;

  private LiveSourceConfig config;
  private LiveSourceCounter counter;
  private EventSchema events;
  private PacketCapture.Opener opener = NativeCapture::open;
  private CaptureLoop capture;
  private Thread captureThread;
  private Thread decodingThread;
  private volatile boolean captureEnded;
  private volatile boolean abortDelivery;

  @Override
  public void configure(Context context) {
    config = new LiveSourceConfig(FlumeContexts.parameters(context));
    if (counter == null) {
      counter = new LiveSourceCounter(getName());
    }
    events =
        EventSchema.of(
            RowSchema.get(),
            config.schemaLiteral,
            config.schemaUrl,
            config.schemaDir,
            LiveSourceConfig.SCHEMA_DIR);
  }

  /** For tests: captures from something other than libpcap. */
  void useOpener(PacketCapture.Opener o) {
    opener = o;
  }

  @Override
  public synchronized void start() {
    captureEnded = false;
    abortDelivery = false;
    BlockingQueue<CapturedPacket> queue = new ArrayBlockingQueue<>(config.queueCapacity);
    EventSink sink =
        new EventSink(
            getChannelProcessor(),
            counter,
            config.batchSize,
            config.rowsPerEvent,
            config.maxEventBytes,
            config.maxBackoffMillis,
            events,
            config.server,
            config.location,
            () -> abortDelivery);
    StreamDecoder decoder = new StreamDecoder(config.decoder, config.server, config.location, sink);
    String key = config.server + "_" + config.location;
    capture = new CaptureLoop(config, opener, queue, counter);
    captureThread = thread(capture, "capture");
    decodingThread =
        thread(new LiveDecoding(queue, decoder, sink, counter, key, () -> captureEnded), "decode");
    counter.start();
    decodingThread.start();
    captureThread.start();
    super.start();
    LOG.info("{} capturing on {} for server {}", getName(), config.interfaceName, key);
  }

  @Override
  public synchronized void stop() {
    if (capture == null) {
      super.stop();
      return; // never started
    }
    capture.stop();
    try {
      captureThread.join(STOP_CAPTURE_MILLIS);
      captureEnded = true;
      decodingThread.join(STOP_DELIVERY_MILLIS);
      if (decodingThread.isAlive()) {
        LOG.warn("{}: the channel took the last rows too slowly; giving up on them", getName());
        abortDelivery = true;
        decodingThread.interrupt();
        decodingThread.join(STOP_CAPTURE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.stop();
    counter.stop();
    LOG.info(
        "{} stopped: packets {}, kernel drops {}, interface drops {}, queue drops {}, interface failures {}, rows {}",
        getName(),
        counter.getCapturePackets(),
        counter.getKernelDropped(),
        counter.getInterfaceDropped(),
        counter.getQueueDropped(),
        counter.getInterfaceFailures(),
        counter.getRows());
  }

  /** The source's counters (also in JMX and Flume's HTTP monitoring). */
  public LiveSourceCounter counter() {
    return counter;
  }

  private Thread thread(Runnable r, String role) {
    Thread t = new Thread(r, getName() + "-" + role);
    t.setDaemon(true);
    return t;
  }
}
