package org.pcap2hdfs.cli.synth;

import java.io.IOException;

/** Receives link-layer frames with their capture time. */
public interface FrameSink {

  /** One frame; {@code data} is valid only during the call. */
  void frame(long timestampMicros, byte[] data, int offset, int length) throws IOException;
}
