package org.pcap2hdfs.cli.bench;

import java.io.IOException;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.join.Joiner;

/**
 * Passes frames through and, every {@value #EVERY} frames, samples heap use and the number of
 * pending queries: their maxima over a whole run.
 */
final class HeapSamplingReader implements CaptureReader {
  static final int EVERY = 1 << 16;

  private final CaptureReader in;
  private final JvmProbe probe;
  private final Joiner joiner;
  private long frames;
  long maxHeapUsed;
  int maxPending;

  HeapSamplingReader(CaptureReader in, JvmProbe probe, Joiner joiner) {
    this.in = in;
    this.probe = probe;
    this.joiner = joiner;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    if ((++frames & (EVERY - 1)) == 0) {
      sample();
    }
    return in.next(frame);
  }

  void sample() {
    maxHeapUsed = Math.max(maxHeapUsed, probe.heapUsed());
    maxPending = Math.max(maxPending, joiner.pending());
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public String format() {
    return in.format();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
