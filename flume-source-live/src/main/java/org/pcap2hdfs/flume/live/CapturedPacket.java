package org.pcap2hdfs.flume.live;

import org.pcap2hdfs.capture.Frame;

/** One packet on its way from the capture thread to the decoding thread. */
final class CapturedPacket {
  final byte[] data;
  final long timestampMicros;
  final int originalLength;
  final CaptureSegment segment;

  CapturedPacket(byte[] data, long timestampMicros, int originalLength, CaptureSegment segment) {
    this.data = data;
    this.timestampMicros = timestampMicros;
    this.originalLength = originalLength;
    this.segment = segment;
  }

  /** Points {@code f} at this packet. */
  void fill(Frame f) {
    f.timestampMicros = timestampMicros;
    f.linkType = segment.linkType;
    f.data = data;
    f.offset = 0;
    f.capturedLength = data.length;
    f.originalLength = Math.max(originalLength, data.length);
  }
}
