package org.pcap2hdfs.flume.live;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread: opens the interface, hands each packet to the decoding thread's bounded queue
 * (a full queue drops the packet, counted), reads the kernel's drop counts every second, and
 * reopens the interface with an exponential backoff when it fails or disappears.
 */
final class CaptureLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);
  private static final long STATS_INTERVAL_NANOS = 1_000_000_000L;

  private final LiveSourceConfig config;
  private final PacketCapture.Opener opener;
  private final BlockingQueue<CapturedPacket> queue;
  private final LiveSourceCounter counter;
  private final Object pause = new Object();
  private volatile boolean stopping;
  private volatile PacketCapture current;

  /** The kernel's counts already added to the counters, for the open capture. */
  private long seenReceived;

  private long seenDropped;
  private long seenInterfaceDropped;

  CaptureLoop(
      LiveSourceConfig config,
      PacketCapture.Opener opener,
      BlockingQueue<CapturedPacket> queue,
      LiveSourceCounter counter) {
    this.config = config;
    this.opener = opener;
    this.queue = queue;
    this.counter = counter;
  }

  /** Ends the loop: wakes the read that is blocked, if any. */
  void stop() {
    stopping = true;
    PacketCapture c = current;
    if (c != null) {
      c.wakeUp();
    }
    synchronized (pause) {
      pause.notifyAll();
    }
  }

  @Override
  public void run() {
    long backoff = config.retryMinMillis;
    while (!stopping) {
      PacketCapture capture;
      try {
        capture = opener.open(config);
      } catch (IOException | RuntimeException e) {
        counter.interfaceFailed();
        LOG.warn("{}; retrying in {} ms", e.getMessage(), backoff);
        backoff = waitBefore(backoff);
        continue;
      }
      counter.opened();
      backoff = config.retryMinMillis;
      current = capture;
      try {
        if (!stopping) {
          capture(capture);
        }
      } catch (IOException | RuntimeException e) {
        if (stopping) {
          break; // the read woken by stop()
        }
        counter.interfaceFailed();
        LOG.warn("{}; reopening in {} ms", e.getMessage(), backoff);
        backoff = waitBefore(backoff);
      } finally {
        current = null;
        capture.close();
      }
    }
  }

  private void capture(PacketCapture capture) throws IOException {
    long startMicros = System.currentTimeMillis() * 1000;
    CaptureSegment segment =
        new CaptureSegment(
            CaptureSegment.name(config.interfaceName, startMicros), capture.linkType());
    LOG.info(
        "Capturing on {} (link type {}, filter '{}') as {}",
        config.interfaceName,
        capture.linkType(),
        config.filter,
        segment.name);
    seenReceived = 0;
    seenDropped = 0;
    seenInterfaceDropped = 0;
    long nextStats = System.nanoTime() + STATS_INTERVAL_NANOS;
    try {
      while (!stopping) {
        CapturedPacket p = capture.next(segment);
        if (p != null) {
          counter.captured();
          if (!queue.offer(p)) {
            counter.queueDropped();
          }
        }
        if (System.nanoTime() - nextStats >= 0) {
          readStats(capture);
          nextStats = System.nanoTime() + STATS_INTERVAL_NANOS;
        }
      }
    } finally {
      try {
        readStats(capture);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Last pcap_stats of {} failed: {}", config.interfaceName, e.toString());
      }
    }
  }

  /** Adds what the kernel dropped since the last read; its counts are 32-bit and wrap. */
  private void readStats(PacketCapture capture) throws IOException {
    PacketCapture.KernelStats s = capture.stats();
    counter.kernelDropped(delta(s.dropped, seenDropped));
    counter.interfaceDropped(delta(s.interfaceDropped, seenInterfaceDropped));
    seenReceived = s.received;
    seenDropped = s.dropped;
    seenInterfaceDropped = s.interfaceDropped;
  }

  static long delta(long now, long seen) {
    return now >= seen ? now - seen : now + (1L << 32) - seen;
  }

  /** Waits {@code millis} (or until stopped) and returns the next backoff. */
  private long waitBefore(long millis) {
    long until = System.currentTimeMillis() + millis;
    synchronized (pause) {
      long left;
      while (!stopping && (left = until - System.currentTimeMillis()) > 0) {
        try {
          pause.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
    return Math.min(millis * 2, config.retryMaxMillis);
  }
}
