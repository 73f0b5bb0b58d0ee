package org.pcap2hdfs.flume.live;

import org.pcap2hdfs.flume.PcapSourceCounter;

/**
 * The spooling source's counters plus the capture's: packets libpcap handed over, packets lost in
 * the kernel ({@code ps_drop}: buffer full; {@code ps_ifdrop}: by the interface), packets dropped
 * because the decoding thread's queue was full, and interface failures.
 */
public final class LiveSourceCounter extends PcapSourceCounter implements LiveSourceCounterMBean {
  static final String CAPTURE_PACKETS = "src.capture.packets";
  static final String KERNEL_DROPPED = "src.capture.kernel.dropped";
  static final String INTERFACE_DROPPED = "src.capture.interface.dropped";
  static final String QUEUE_DROPPED = "src.capture.queue.dropped";
  static final String INTERFACE_FAILURES = "src.capture.interface.failures";
  static final String CAPTURE_OPENS = "src.capture.opens";

  public LiveSourceCounter(String name) {
    super(
        name,
        CAPTURE_PACKETS,
        KERNEL_DROPPED,
        INTERFACE_DROPPED,
        QUEUE_DROPPED,
        INTERFACE_FAILURES,
        CAPTURE_OPENS);
  }

  void captured() {
    increment(CAPTURE_PACKETS);
  }

  void kernelDropped(long n) {
    addAndGet(KERNEL_DROPPED, n);
  }

  void interfaceDropped(long n) {
    addAndGet(INTERFACE_DROPPED, n);
  }

  void queueDropped() {
    increment(QUEUE_DROPPED);
  }

  void interfaceFailed() {
    increment(INTERFACE_FAILURES);
  }

  void opened() {
    increment(CAPTURE_OPENS);
  }

  @Override
  public long getCapturePackets() {
    return get(CAPTURE_PACKETS);
  }

  @Override
  public long getKernelDropped() {
    return get(KERNEL_DROPPED);
  }

  @Override
  public long getInterfaceDropped() {
    return get(INTERFACE_DROPPED);
  }

  @Override
  public long getQueueDropped() {
    return get(QUEUE_DROPPED);
  }

  @Override
  public long getInterfaceFailures() {
    return get(INTERFACE_FAILURES);
  }

  @Override
  public long getCaptureOpens() {
    return get(CAPTURE_OPENS);
  }
}
