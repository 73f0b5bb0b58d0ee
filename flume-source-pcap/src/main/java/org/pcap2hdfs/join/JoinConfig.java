package org.pcap2hdfs.join;

/** How long and how many queries may wait for their response. */
public final class JoinConfig {
  public static final long DEFAULT_TIMEOUT_MICROS = 5_000_000L;
  public static final int DEFAULT_MAX_PENDING = 200_000;

  /** Capture time after which a pending query is emitted as unanswered. */
  public final long timeoutMicros;

  /** Pending queries held at most; beyond it the oldest is emitted as unanswered (evicted). */
  public final int maxPending;

  public JoinConfig(long timeoutMicros, int maxPending) {
    if (timeoutMicros <= 0) {
      throw new IllegalArgumentException("join timeout must be positive");
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("the pending-query bound must be at least 1");
    }
    this.timeoutMicros = timeoutMicros;
    this.maxPending = maxPending;
  }

  public static JoinConfig defaults() {
    return new JoinConfig(DEFAULT_TIMEOUT_MICROS, DEFAULT_MAX_PENDING);
  }
}
