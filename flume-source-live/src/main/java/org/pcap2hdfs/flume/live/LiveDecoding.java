package org.pcap2hdfs.flume.live;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.flume.EventSink;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoding thread: packets from the queue through the file path's {@link StreamDecoder} (packet
 * decoding, reassembly, join) to the channel. The join expires queries by capture time; on a quiet
 * interface the wall clock (less a second for packets still in the kernel) moves it on, and the
 * rows so far are delivered. When the capture has ended and the queue is empty, every pending query
 * becomes a row.
 */
final class LiveDecoding implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveDecoding.class);
  private static final long IDLE_POLL_MILLIS = 200;
  private static final long KERNEL_SLACK_MICROS = 1_000_000;
  private static final int REPORT_EVERY = 4096;

  private final BlockingQueue<CapturedPacket> queue;
  private final StreamDecoder decoder;
  private final EventSink sink;
  private final LiveSourceCounter counter;
  private final String streamKey;
  private final BooleanSupplier captureEnded;
  private final Frame frame = new Frame();
  private DecodeCounters reported = new DecodeCounters();

  LiveDecoding(
      BlockingQueue<CapturedPacket> queue,
      StreamDecoder decoder,
      EventSink sink,
      LiveSourceCounter counter,
      String streamKey,
      BooleanSupplier captureEnded) {
    this.queue = queue;
    this.decoder = decoder;
    this.sink = sink;
    this.counter = counter;
    this.streamKey = streamKey;
    this.captureEnded = captureEnded;
    sink.afterBatch(this::report);
  }

  @Override
  public void run() {
    CaptureSegment segment = null;
    int sinceReport = 0;
    try {
      while (true) {
        CapturedPacket p = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (p == null) {
          if (captureEnded.getAsBoolean() && queue.isEmpty()) {
            break;
          }
          decoder.advanceTo(System.currentTimeMillis() * 1000 - KERNEL_SLACK_MICROS);
          sink.flush();
          report();
          continue;
        }
        if (p.segment != segment) {
          segment = p.segment;
          decoder.startFile(segment.name);
        }
        decode(p);
        if (++sinceReport >= REPORT_EVERY) {
          report();
          sinceReport = 0;
        }
      }
      decoder.finish();
      sink.flush();
      report();
      LOG.info("Capture of {} ended: pending queries emitted", streamKey);
    } catch (EventSink.Stopped e) {
      report();
      LOG.warn("{}: stopped before the last rows reached the channel", streamKey);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("{}: interrupted before the last rows reached the channel", streamKey);
    } catch (Exception e) {
      counter.incrementGenericProcessingFail();
      LOG.error("{}: decoding thread failed", streamKey, e);
    }
  }

  /** One packet; a fault in it is counted and the stream goes on. */
  private void decode(CapturedPacket p) throws Exception {
    p.fill(frame);
    try {
      decoder.decodeFrame(frame);
    } catch (EventSink.Stopped | InterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      counter.incrementEventReadFail();
      LOG.debug(
          "{}: packet of {} at {} us failed", streamKey, p.segment.name, p.timestampMicros, e);
    }
  }

  private void report() {
    DecodeCounters now = decoder.counters();
    counter.report(streamKey, now, reported);
    reported = now.copy();
  }
}
