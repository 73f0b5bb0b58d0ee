package org.pcap2hdfs.packet;

/** Bounds on the memory and time that IP and TCP reassembly may hold on to. */
public final class ReassemblyLimits {
  /** Datagrams being reassembled at once; the oldest is dropped beyond it. */
  public final int maxFragmentedDatagrams;

  /** Capture time after which an incomplete datagram is dropped. */
  public final long fragmentTimeoutMicros;

  /** TCP connections tracked at once; the least recently active is dropped beyond it. */
  public final int maxTcpFlows;

  /** Capture time of inactivity after which a TCP connection is forgotten. */
  public final long tcpIdleTimeoutMicros;

  /** Out-of-order bytes buffered per TCP direction before the hole is declared a gap. */
  public final int maxTcpOutOfOrderBytes;

  public ReassemblyLimits(
      int maxFragmentedDatagrams,
      long fragmentTimeoutMicros,
      int maxTcpFlows,
      long tcpIdleTimeoutMicros,
      int maxTcpOutOfOrderBytes) {
    this.maxFragmentedDatagrams = maxFragmentedDatagrams;
    this.fragmentTimeoutMicros = fragmentTimeoutMicros;
    this.maxTcpFlows = maxTcpFlows;
    this.tcpIdleTimeoutMicros = tcpIdleTimeoutMicros;
    this.maxTcpOutOfOrderBytes = maxTcpOutOfOrderBytes;
  }

  public static ReassemblyLimits defaults() {
    return new ReassemblyLimits(4096, 30_000_000L, 65_536, 300_000_000L, 256 * 1024);
  }
}
