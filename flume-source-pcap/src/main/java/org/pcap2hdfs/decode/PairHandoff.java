package org.pcap2hdfs.decode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pcap2hdfs.join.DnsEvent;
import org.pcap2hdfs.join.PairSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSink;

/**
 * Builds and delivers rows on a thread of its own, so that decoding and joining use one core and
 * row building, encoding and writing another. The decoding thread copies each joined pair into a
 * batch of reused events; full batches go over a bounded queue (the decoder waits when the row
 * thread is behind) and come back empty. Rows reach the sink in the order the joiner emitted them.
 *
 * <p>Give it to {@link StreamDecoder#StreamDecoder(DecoderConfig, PairSink)}; call {@link #finish}
 * after the decoder's own {@code finish()}. A failure of the sink is thrown, as a {@link
 * RowSinkFailure}, from the next {@link #pair} after it happened, or from {@link #finish}; the row
 * thread then returns batches unread, so the decoder never waits for it forever.
 */
public final class PairHandoff implements PairSink {
  static final int BATCH_SIZE = 256;
  static final int BATCHES = 8;

  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
  private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
  private final RowBuilder builder;
  private final RowSink sink;
  private final Thread thread;
  private volatile Throwable failure;
  private Batch current;
  private boolean finished;

  /** Thrown on the decoding thread when the row thread's sink failed. */
  public static final class RowSinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RowSinkFailure(Throwable cause) {
      super(cause);
    }
  }

  /** Pairs of events, reused: copies of what the joiner emitted. */
  private static final class Batch {
    final DnsEvent[] queries = new DnsEvent[BATCH_SIZE];
    final DnsEvent[] responses = new DnsEvent[BATCH_SIZE];
    final boolean[] hasQuery = new boolean[BATCH_SIZE];
    final boolean[] hasResponse = new boolean[BATCH_SIZE];
    int size;

    Batch() {
      for (int i = 0; i < BATCH_SIZE; i++) {
        queries[i] = new DnsEvent();
        responses[i] = new DnsEvent();
      }
    }
  }

  /** The batch that tells the row thread to stop. */
  private static final Batch END = new Batch();

  public PairHandoff(String server, String location, RowSink sink) {
    this.builder = new RowBuilder(server, location);
    this.sink = sink;
    for (int i = 0; i < BATCHES; i++) {
      empty.add(new Batch());
    }
    thread = new Thread(this::run, "pcap2hdfs-rows");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void pair(DnsEvent query, DnsEvent response) {
    if (current == null) {
      current = take(empty);
    }
    Batch b = current;
    int i = b.size++;
    b.hasQuery[i] = query != null;
    if (query != null) {
      b.queries[i].copyFrom(query);
    }
    b.hasResponse[i] = response != null;
    if (response != null) {
      b.responses[i].copyFrom(response);
    }
    if (b.size == BATCH_SIZE) {
      hand(b);
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
      thread.join();
    }
    Throwable f = failure;
    if (f instanceof Exception) {
      throw (Exception) f;
    }
    if (f != null) {
      throw (Error) f;
    }
  }

  private void hand(Batch b) {
    if (failure != null) {
      throw new RowSinkFailure(failure);
    }
    put(b);
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
            builder.build(
                row, b.hasQuery[i] ? b.queries[i] : null, b.hasResponse[i] ? b.responses[i] : null);
            sink.row(row);
          }
        } catch (Exception | Error e) {
          failure = e; // later batches are returned unread; the decoder stops at its next batch
        }
      }
      b.size = 0;
      empty.add(b);
    }
  }
}
