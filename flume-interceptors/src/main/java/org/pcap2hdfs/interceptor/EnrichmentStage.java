package org.pcap2hdfs.interceptor;

import org.pcap2hdfs.row.Row;

/**
 * One enrichment step working on a decoded {@link Row}: the part of an interceptor that knows what
 * to look up. The Flume side (decode, encode, counting, lifecycle) is {@link EnrichingInterceptor};
 * several stages can share one decode/encode of each body there.
 *
 * <p>Calls come from one thread at a time: {@link #open}, then batches of {@link #beginBatch},
 * {@link #enrich}..., {@link #endBatch}, then {@link #close}.
 */
public interface EnrichmentStage {

  /** The row fields {@link #enrich} reads; no other field of the row holds this event's value. */
  int[] inputFields();

  /** The row fields {@link #enrich} may set; they are null when it is called. */
  int[] outputFields();

  /** Opens what the stage needs (databases, snapshots, background threads). */
  void open();

  /** Pins the data the coming batch will use, so that a batch sees one consistent version. */
  default void beginBatch() {}

  /**
   * Fills this stage's output fields of {@code row}.
   *
   * @return true when at least one field was set
   */
  boolean enrich(Row row);

  /** Releases what {@link #beginBatch} pinned and publishes the batch's counts. */
  default void endBatch() {}

  /** Stops background work and releases resources. */
  void close();
}
