package org.pcap2hdfs.flume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BooleanSupplier;
import org.apache.flume.channel.ChannelProcessor;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.capture.NotACaptureException;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's stream: its files, one at a time and in order, through a {@link StreamDecoder} whose
 * state flows from file to file, to the channel.
 *
 * <p>Per file: every event is committed to the channel, then the state is checkpointed as following
 * that file, then the file is marked done. After a crash the checkpoint tells whether the first
 * unmarked file was already delivered (checkpoint names it: just mark it) or not (reprocess it from
 * the checkpoint of the file before: re-delivered rows keep their event ids).
 */
final class ServerStream {
  private static final Logger LOG = LoggerFactory.getLogger(ServerStream.class);

  private final String server;
  private final String location;
  private final String key;
  private final StateStore.Owner owner;
  private final PcapSourceConfig config;
  private final DecoderConfig decoding;
  private final StateStore states;
  private final FileTracker tracker;
  private final PcapSourceCounter counter;
  private final ChannelProcessor channel;
  private final EventSchema dnsEvents;
  private final EventSchema icmpEvents;
  private final BooleanSupplier stopping;

  private StreamDecoder decoder;
  private String completedFile;
  private DecodeCounters reported = new DecodeCounters();
  private volatile long lastFileMillis = System.currentTimeMillis();
  private volatile boolean flushed = true;

  ServerStream(
      String server,
      String location,
      PcapSourceConfig config,
      DecoderConfig decoding,
      StateStore states,
      FileTracker tracker,
      PcapSourceCounter counter,
      ChannelProcessor channel,
      EventSchema dnsEvents,
      EventSchema icmpEvents,
      BooleanSupplier stopping) {
    this.server = server;
    this.location = location;
    this.key = SpoolScanner.streamKey(server, location);
    this.owner = new StateStore.Owner(key, server, location);
    this.config = config;
    this.decoding = decoding;
    this.states = states;
    this.tracker = tracker;
    this.counter = counter;
    this.channel = channel;
    this.dnsEvents = dnsEvents;
    this.icmpEvents = icmpEvents;
    this.stopping = stopping;
  }

  /** The stream's identity: server and location. */
  String key() {
    return key;
  }

  /** Whether rows may still wait in the join for a file that has not come for idleFlushMs. */
  boolean needsIdleFlush(long nowMillis) {
    return !flushed && nowMillis - lastFileMillis >= config.idleFlushMillis;
  }

  /** Reads one file to the channel and marks it; false when the source is stopping. */
  boolean process(SpoolScanner.Candidate file) throws InterruptedException {
    EventSink sink = sink(dnsEvents);
    EventSink icmpSink = icmpEvents == null ? null : sink(icmpEvents);
    try {
      ensureDecoder(sink, icmpSink);
      if (file.relative.equals(completedFile)) {
        // Delivered and checkpointed before a crash, but not yet marked.
        LOG.info("{} was delivered before the restart; marking it done", file.relative);
        markDone(file);
        return true;
      }
      BasicFileAttributes before = attributes(file.path);
      CaptureFaultException fault;
      try {
        fault = decoder.decode(file.path, file.baseName());
      } catch (NotACaptureException | NoSuchFileException e) {
        fail(file, e.getMessage());
        return true;
      }
      sink.flush();
      if (icmpSink != null) {
        icmpSink.flush();
      }
      BasicFileAttributes after = attributes(file.path);
      boolean changed =
          before == null
              || after == null
              || before.size() != after.size()
              || !before.lastModifiedTime().equals(after.lastModifiedTime());
      states.save(owner, file.relative, decoder);
      completedFile = file.relative;
      lastFileMillis = System.currentTimeMillis();
      flushed = false;
      report();
      if (changed) {
        fail(file, "the file changed while it was read");
      } else if (fault != null) {
        fail(file, "capture ends early: " + fault.getMessage());
      } else {
        markDone(file);
      }
      return true;
    } catch (EventSink.Stopped e) {
      // Rows of this file delivered so far come again after the restart, with the same ids.
      decoder = null;
      return false;
    } catch (InterruptedException e) {
      decoder = null;
      throw e;
    } catch (Exception e) {
      LOG.warn("Failed to read {} of server {}; setting it aside", file.relative, server, e);
      counter.incrementGenericProcessingFail();
      decoder = null; // restart from the checkpoint: the in-memory state is in doubt
      try {
        fail(file, e.toString());
      } catch (IOException io) {
        LOG.warn("Could not set {} aside: {}", file.relative, io.toString());
      }
      return true;
    }
  }

  /**
   * Loads the stream's checkpoint when the source starts, so that queries left pending by the last
   * run are counted and emitted by the idle flush even if the stream gets no new file.
   */
  void restore() throws InterruptedException {
    try {
      ensureDecoder(sink(dnsEvents), icmpEvents == null ? null : sink(icmpEvents));
      lastFileMillis = System.currentTimeMillis();
      report();
    } catch (IOException e) {
      LOG.warn("Could not restore the stream of {} at {}: {}", server, location, e.toString());
      decoder = null;
    }
  }

  /** Emits the pending queries of an idle server and checkpoints the emptied state. */
  void idleFlush() throws InterruptedException {
    EventSink sink = sink(dnsEvents);
    try {
      // Pending DNS queries only: ICMP rows never wait.
      ensureDecoder(sink, icmpEvents == null ? null : sink(icmpEvents));
      decoder.finish();
      sink.flush();
      states.save(owner, completedFile, decoder);
      flushed = true;
      report();
      LOG.info("Server {} idle: emitted its pending queries", server);
    } catch (EventSink.Stopped e) {
      decoder = null;
    } catch (InterruptedException e) {
      decoder = null;
      throw e;
    } catch (Exception e) {
      LOG.warn("Idle flush of server {} failed; will retry", server, e);
      decoder = null;
    }
  }

  private EventSink sink(EventSchema events) {
    EventSink sink = new EventSink(channel, counter, config, events, server, location, stopping);
    sink.afterBatch(this::report);
    return sink;
  }

  /** The decoder, restored from the checkpoint when the stream (re)starts. */
  private void ensureDecoder(EventSink sink, EventSink icmpSink) throws IOException {
    if (decoder != null) {
      decoder.setSink(sink);
      if (icmpSink != null) {
        decoder.setIcmpSink(icmpSink);
      }
      return;
    }
    StreamDecoder d = newDecoder(sink, icmpSink);
    try {
      completedFile = states.load(key, d);
      flushed = d.counters().pendingQueries == 0;
    } catch (IOException e) {
      Path aside = states.quarantine(key);
      LOG.warn(
          "Unreadable checkpoint of server {} moved to {}; starting without join state: {}",
          server,
          aside,
          e.getMessage());
      d = newDecoder(sink, icmpSink);
      completedFile = null;
    }
    decoder = d;
    reported = d.counters().copy();
  }

  private StreamDecoder newDecoder(EventSink sink, EventSink icmpSink) {
    StreamDecoder d = new StreamDecoder(decoding, server, location, sink);
    if (icmpSink != null) {
      d.enableIcmp(server, location, icmpSink);
    }
    return d;
  }

  private void markDone(SpoolScanner.Candidate file) throws IOException {
    tracker.markDone(file.path, file.relative);
    counter.fileDone();
  }

  private void fail(SpoolScanner.Candidate file, String why) throws IOException {
    Path aside = tracker.markFailed(file.path, file.relative);
    counter.fileFailed();
    LOG.warn("Capture {} of server {} set aside as {}: {}", file.relative, server, aside, why);
  }

  private void report() {
    DecodeCounters now = decoder.counters();
    counter.report(key, now, reported);
    reported = now.copy();
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }
}
