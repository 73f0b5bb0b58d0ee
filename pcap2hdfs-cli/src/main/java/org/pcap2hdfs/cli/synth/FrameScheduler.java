package org.pcap2hdfs.cli.synth;

import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Frames of many overlapping exchanges, put back in capture-time order: exchanges schedule their
 * future frames here (copied), and the frames are released to the writer once the generator's clock
 * has passed them. Ties keep the order of scheduling. Memory is bounded by what lies ahead of the
 * clock (a response delay, a TCP session), not by the size of the capture.
 */
final class FrameScheduler implements FrameSink {
  private static final class Pending implements Comparable<Pending> {
    final long timestamp;
    final long sequence;
    final byte[] data;

    Pending(long timestamp, long sequence, byte[] data) {
      this.timestamp = timestamp;
      this.sequence = sequence;
      this.data = data;
    }

    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(timestamp, o.timestamp);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final PriorityQueue<Pending> queue = new PriorityQueue<>();
  private long sequence;
  private long scheduled;

  @Override
  public void frame(long timestampMicros, byte[] data, int offset, int length) {
    queue.add(
        new Pending(
            timestampMicros, sequence++, Arrays.copyOfRange(data, offset, offset + length)));
    scheduled++;
  }

  /** Frames scheduled so far (written or not). */
  long scheduled() {
    return scheduled;
  }

  /** Writes every frame due at or before {@code timestampMicros}. */
  void releaseUntil(long timestampMicros, FrameSink out) throws IOException {
    while (!queue.isEmpty() && queue.peek().timestamp <= timestampMicros) {
      Pending p = queue.poll();
      out.frame(p.timestamp, p.data, 0, p.data.length);
    }
  }

  /** Writes every frame left. */
  void drain(FrameSink out) throws IOException {
    releaseUntil(Long.MAX_VALUE, out);
  }
}
