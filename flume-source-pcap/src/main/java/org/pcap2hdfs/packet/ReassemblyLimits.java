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

  /**
   * Capture time data may wait behind a hole in a TCP direction (one its peer has not acknowledged)
   * before the hole is taken as capture loss and the stream resumes after it.
   */
  public final long tcpGapTimeoutMicros;

  /** The default of {@link #tcpGapTimeoutMicros}, in milliseconds. */
  public static final long DEFAULT_TCP_GAP_TIMEOUT_MS = 3000;

  public ReassemblyLimits(
      int maxFragmentedDatagrams,
      long fragmentTimeoutMicros,
      int maxTcpFlows,
      long tcpIdleTimeoutMicros,
      int maxTcpOutOfOrderBytes,
      long tcpGapTimeoutMicros) {
    this.maxFragmentedDatagrams = maxFragmentedDatagrams;
    this.fragmentTimeoutMicros = fragmentTimeoutMicros;
    this.maxTcpFlows = maxTcpFlows;
    this.tcpIdleTimeoutMicros = tcpIdleTimeoutMicros;
    this.maxTcpOutOfOrderBytes = maxTcpOutOfOrderBytes;
    this.tcpGapTimeoutMicros = tcpGapTimeoutMicros;
  }

  public static ReassemblyLimits defaults() {
    return withTcpGapTimeoutMillis(DEFAULT_TCP_GAP_TIMEOUT_MS);
  }

  /** Longest TCP gap timeout: later data would start a new clock in the join. */
  public static final long MAX_TCP_GAP_TIMEOUT_MS = 60_000;

  /**
   * The defaults, with the given TCP gap timeout.
   *
   * @throws IllegalArgumentException when it is not within 1 ms .. {@link #MAX_TCP_GAP_TIMEOUT_MS}
   */
  public static ReassemblyLimits withTcpGapTimeoutMillis(long millis) {
    if (millis < 1 || millis > MAX_TCP_GAP_TIMEOUT_MS) {
      throw new IllegalArgumentException(
          "the TCP gap timeout must be 1.." + MAX_TCP_GAP_TIMEOUT_MS + " ms, not " + millis);
    }
    return new ReassemblyLimits(4096, 30_000_000L, 65_536, 300_000_000L, 256 * 1024, millis * 1000);
  }
}
