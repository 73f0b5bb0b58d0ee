package org.pcap2hdfs.decode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pcap2hdfs.join.DnsEvent;
import org.pcap2hdfs.join.Joiner;
import org.pcap2hdfs.join.PairSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSink;

/**
 * Builds and delivers rows on a thread of its own, so that decoding and joining use one core and
 * row building, encoding and writing another. The joiner's events themselves travel: the decoding
 * thread puts each joined pair into a batch, full batches go over a bounded queue (the decoder
 * waits when the row thread is behind) and come back done, and their events return to the joiner's
 * pool on the decoding thread. Rows reach the sink in the order the joiner emitted them.
 *
 * <p>Give it to {@link StreamDecoder#StreamDecoder(DecoderConfig, PairHandoff)}; call {@link
 * #finish} after the decoder's own {@code finish()}. A failure of the sink is thrown, as a {@link
 * RowSinkFailure}, from the next hand-over after it happened, or from {@link #finish}; the row
 * thread then returns batches unread, so the decoder never waits for it forever.
 */
public final class PairHandoff implements PairSink {
  static final int BATCH_SIZE = 256;
  static final int BATCHES = 8;

  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
  private final BlockingQueue<Batch> done = new ArrayBlockingQueue<>(BATCHES);
  private final RowBuilder builder;
  private final RowSink sink;
  private final Thread thread;
  private volatile Throwable failure;
  private Joiner joiner;
  private Batch current;
  private int created;
  private boolean finished;

  /** Thrown on the decoding thread when the row thread's sink failed. */
  public static final class RowSinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RowSinkFailure(Throwable cause) {
      super(cause);
    }
  }

  /** Joined pairs on their way to the row thread (a null query or response is a missing side). */
  private static final class Batch {
    final DnsEvent[] queries = new DnsEvent[BATCH_SIZE];
    final DnsEvent[] responses = new DnsEvent[BATCH_SIZE];
    int size;
  }

  /** The batch that tells the row thread to stop. */
  private static final Batch END = new Batch();

  public PairHandoff(String server, String location, RowSink sink) {
    this(DecoderConfig.defaults(), server, location, sink);
  }

  /** Builds rows as {@code config} says (client-address privacy, full-address enrichment). */
  public PairHandoff(DecoderConfig config, String server, String location, RowSink sink) {
    this.builder = config.rowBuilder(server, location);
    this.sink = sink;
    thread = new Thread(this::run, "pcap2hdfs-rows");
    thread.setDaemon(true);
    thread.start();
  }

  /** The joiner whose events this receives and gives back. */
  void bind(Joiner joiner) {
    this.joiner = joiner;
  }

  @Override
  public void pair(DnsEvent query, DnsEvent response) {
    if (current == null) {
      current = nextBatch();
    }
    Batch b = current;
    int i = b.size++;
    b.queries[i] = query;
    b.responses[i] = response;
    if (b.size == BATCH_SIZE) {
      if (failure != null) {
        throw new RowSinkFailure(failure);
      }
      put(b);
      current = null;
    }
  }

  /**
   * Hands over what is left, waits until every row is delivered and stops the row thread.
   *
   * @throws Exception what the sink threw
   */
  public void finish() throws Exception {
    if (!finished) {
      finished = true;
      if (current != null && current.size > 0) {
        put(current);
      }
      current = null;
      put(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      }
      for (Batch b = done.poll(); b != null; b = done.poll()) {
        giveBack(b);
      }
    }
    Throwable f = failure;
    if (f instanceof Exception) {
      throw (Exception) f;
    }
    if (f != null) {
      throw (Error) f;
    }
  }

  /** A batch to fill: a new one while fewer than {@link #BATCHES} exist, else a done one. */
  private Batch nextBatch() {
    if (created < BATCHES) {
      created++;
      return new Batch();
    }
    Batch b = take(done);
    giveBack(b);
    return b;
  }

  /** Returns the events of a done batch to the joiner's pool and empties it. */
  private void giveBack(Batch b) {
    for (int i = 0; i < b.size; i++) {
      if (b.queries[i] != null) {
        joiner.giveBack(b.queries[i]);
        b.queries[i] = null;
      }
      if (b.responses[i] != null) {
        joiner.giveBack(b.responses[i]);
        b.responses[i] = null;
      }
    }
    b.size = 0;
  }

  private void put(Batch b) {
    try {
      full.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing rows over", e);
    }
  }

  private static Batch take(BlockingQueue<Batch> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for rows", e);
    }
  }

  private void run() {
    Row row = new Row();
    while (true) {
      Batch b = take(full);
      if (b == END) {
        return;
      }
      if (failure == null) {
        try {
          for (int i = 0; i < b.size; i++) {
            builder.build(row, b.queries[i], b.responses[i]);
            sink.row(row);
          }
        } catch (Exception | Error e) {
          failure = e; // later batches are returned unread; the decoder stops at its next batch
        }
      }
      done.add(b);
    }
  }
}
