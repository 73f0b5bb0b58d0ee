package org.pcap2hdfs.analytics.aggregate;

/** The aggregate job failed: the message names the step, the period and the cause. */
public final class AggregateException extends Exception {
  private static final long serialVersionUID = 1L;

  public AggregateException(String message, Throwable cause) {
    super(message, cause);
  }

  public AggregateException(String message) {
    super(message);
  }
}
