package org.pcap2hdfs.flume.live;

import java.io.IOException;

/** An open capture on an interface, read by one thread. */
interface PacketCapture extends AutoCloseable {

  /** The LINKTYPE_* value of the interface's frames. */
  int linkType();

  /**
   * The next packet, or null when the read timeout passed without one.
   *
   * @throws IOException when the interface fails (went down, disappeared)
   */
  CapturedPacket next(CaptureSegment segment) throws IOException;

  /** The kernel's counts since the capture was opened (pcap_stats). */
  KernelStats stats() throws IOException;

  /** Makes a blocked {@link #next} return (pcap_breakloop); called from another thread. */
  void wakeUp();

  @Override
  void close();

  /** Opens a capture; the source's retry loop calls it again after a failure. */
  interface Opener {
    PacketCapture open(LiveSourceConfig config) throws IOException;
  }

  /** pcap_stats: packets received, dropped for lack of buffer space, dropped by the interface. */
  final class KernelStats {
    final long received;
    final long dropped;
    final long interfaceDropped;

    KernelStats(long received, long dropped, long interfaceDropped) {
      this.received = received;
      this.dropped = dropped;
      this.interfaceDropped = interfaceDropped;
    }
  }
}
