package org.pcap2hdfs.flume.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A capture that plays a script: frames (Ethernet, with their capture time), then optionally a
 * failure of the interface; afterwards it only times out. Stands in for libpcap in unit tests.
 */
final class ScriptedCapture implements PacketCapture {
  static final int ETHERNET = 1;

  /** One scripted frame. */
  static final class Step {
    final long micros;
    final byte[] frame;

    Step(long micros, byte[] frame) {
      this.micros = micros;
      this.frame = frame;
    }
  }

  private final Deque<Step> steps;
  private final IOException failure;
  private final KernelStats stats;
  volatile boolean closed;

  ScriptedCapture(List<Step> steps, IOException failure, KernelStats stats) {
    this.steps = new ArrayDeque<>(steps);
    this.failure = failure;
    this.stats = stats;
  }

  /** An opener handing out {@code outcomes} in turn (a capture, or an IOException to throw). */
  static PacketCapture.Opener opener(List<Object> outcomes) {
    Iterator<Object> it = outcomes.iterator();
    return config -> {
      Object o = it.hasNext() ? it.next() : new ScriptedCapture(List.of(), null, null);
      if (o instanceof IOException) {
        throw (IOException) o;
      }
      return (PacketCapture) o;
    };
  }

  @Override
  public int linkType() {
    return ETHERNET;
  }

  @Override
  public CapturedPacket next(CaptureSegment segment) throws IOException {
    Step s = steps.poll();
    if (s != null) {
      return new CapturedPacket(s.frame, s.micros, s.frame.length, segment);
    }
    if (failure != null) {
      throw failure;
    }
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  boolean played() {
    return steps.isEmpty();
  }

  @Override
  public KernelStats stats() {
    return stats == null ? new KernelStats(0, 0, 0) : stats;
  }

  @Override
  public void wakeUp() {}

  @Override
  public void close() {
    closed = true;
  }
}
