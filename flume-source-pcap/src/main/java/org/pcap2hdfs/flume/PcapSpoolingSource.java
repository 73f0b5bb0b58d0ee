package org.pcap2hdfs.flume;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.EventDrivenSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.source.AbstractSource;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.row.RowSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume source that reads DNS capture files from a spool directory with a folder per name server,
 * decodes them, joins each query with its response and emits one event per query whose body is an
 * Avro datum of the {@code DnsQuery} schema. Servers are decoded in parallel on worker threads; a
 * server's files are read one at a time, in order, with the join state flowing from one to the next
 * and checkpointed at each file boundary.
 *
 * <pre>
 * a1.sources.r1.type = org.pcap2hdfs.flume.PcapSpoolingSource
 * a1.sources.r1.spoolDir = /var/spool/dns
 * </pre>
 */
public final class PcapSpoolingSource extends AbstractSource
    implements Configurable, EventDrivenSource {
  private static final Logger LOG = LoggerFactory.getLogger(PcapSpoolingSource.class);

  private PcapSourceConfig config;
  private DecoderConfig decoding;
  private FullAddressEnricher enricher;
  private PcapSourceCounter counter;
  private EventSchema dnsEvents;

  /** Null when ICMP rows are off. */
  private EventSchema icmpEvents;

  private FileTracker tracker;
  private SpoolScanner scanner;
  private StateStore states;
  private final Map<String, ServerStream> streams = new ConcurrentHashMap<>();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private volatile boolean stopping;

  @Override
  public void configure(Context context) {
    config = new PcapSourceConfig(FlumeContexts.parameters(context));
    if (counter == null) {
      counter = new PcapSourceCounter(getName());
    }
    dnsEvents = eventSchema(RowSchema.get(), config.schemaUrl);
    icmpEvents = config.icmp ? eventSchema(RowSchema.icmp(), config.icmpSchemaUrl) : null;
  }

  private EventSchema eventSchema(RowSchema rows, String url) {
    return EventSchema.of(
        rows, config.schemaLiteral, url, config.stateDir, PcapSourceConfig.STATE_DIR);
  }

  @Override
  public synchronized void start() {
    stopping = false;
    enricher = config.decoder.privacy.openEnricher(getName() + ".privacy");
    decoding = config.decoder.withEnricher(enricher);
    tracker = new FileTracker(config);
    scanner = new SpoolScanner(config, tracker);
    states = new StateStore(config.stateDir);
    streams.clear();
    busy.clear();
    workers = Executors.newFixedThreadPool(config.threads, named(getName() + "-worker"));
    restoreCheckpointedStreams();
    scheduler = Executors.newSingleThreadScheduledExecutor(named(getName() + "-scanner"));
    scheduler.scheduleWithFixedDelay(
        this::scanOnce, 0, config.pollDelayMillis, TimeUnit.MILLISECONDS);
    counter.start();
    super.start();
    LOG.info(
        "{} reading {} with {} worker threads, client addresses: {}{}",
        getName(),
        config.spoolDir,
        config.threads,
        config.decoder.privacy.mode.name().toLowerCase(java.util.Locale.ENGLISH),
        enricher != null ? ", enriched on the full address in the source" : "");
  }

  @Override
  public synchronized void stop() {
    stopping = true;
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
      }
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (enricher != null) {
      enricher.close();
      enricher = null;
    }
    super.stop();
    counter.stop();
    LOG.info(
        "{} stopped: files done {}, failed {}, rows {}, channel backoffs {}, read failures {}, other failures {}",
        getName(),
        counter.getFilesDone(),
        counter.getFilesFailed(),
        counter.getRows(),
        counter.getChannelBackoffs(),
        counter.getEventReadFail(),
        counter.getGenericProcessingFail());
  }

  /** The source's counters (also in JMX and Flume's HTTP monitoring). */
  public PcapSourceCounter counter() {
    return counter;
  }

  private void scanOnce() {
    if (stopping) {
      return;
    }
    try {
      long now = System.currentTimeMillis();
      Map<String, List<SpoolScanner.Candidate>> ready = scanner.scan(now);
      for (Map.Entry<String, List<SpoolScanner.Candidate>> e : ready.entrySet()) {
        String key = e.getKey();
        List<SpoolScanner.Candidate> files = e.getValue();
        if (busy.add(key)) {
          SpoolScanner.Candidate first = files.get(0);
          ServerStream stream =
              streams.computeIfAbsent(key, k -> newStream(first.server, first.location));
          workers.execute(() -> runFiles(stream, files));
        }
      }
      for (ServerStream stream : streams.values()) {
        if (!ready.containsKey(stream.key())
            && stream.needsIdleFlush(now)
            && busy.add(stream.key())) {
          workers.execute(() -> runIdleFlush(stream));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Scanning {} failed; retrying in {} ms", config.spoolDir, config.pollDelayMillis, e);
    }
  }

  /** Streams with a checkpoint come back at start, whether or not new files arrive for them. */
  private void restoreCheckpointedStreams() {
    try {
      for (StateStore.Owner o : states.owners()) {
        ServerStream stream = streams.computeIfAbsent(o.key, k -> newStream(o.server, o.location));
        if (busy.add(o.key)) {
          workers.execute(
              () -> {
                try {
                  stream.restore();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  busy.remove(o.key);
                }
              });
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not list the checkpoints in {}: {}", config.stateDir, e.toString());
    }
  }

  private ServerStream newStream(String server, String location) {
    return new ServerStream(
        server,
        location,
        config,
        decoding,
        states,
        tracker,
        counter,
        getChannelProcessor(),
        dnsEvents,
        icmpEvents,
        () -> stopping);
  }

  private void runFiles(ServerStream stream, List<SpoolScanner.Candidate> files) {
    try {
      for (SpoolScanner.Candidate file : files) {
        if (stopping || !stream.process(file)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure in the stream of server {}", stream.key(), e);
    } finally {
      busy.remove(stream.key());
    }
  }

  private void runIdleFlush(ServerStream stream) {
    try {
      stream.idleFlush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      busy.remove(stream.key());
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
