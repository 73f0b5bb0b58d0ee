package org.pcap2hdfs.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for asynchronous conditions. */
public final class Waits {
  private Waits() {}

  /** Polls {@code condition} until true; fails with {@code what} after {@code timeout}. */
  public static void until(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
