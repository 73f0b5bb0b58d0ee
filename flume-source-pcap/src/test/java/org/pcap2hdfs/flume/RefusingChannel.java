package org.pcap2hdfs.flume;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.flume.Channel;
import org.apache.flume.ChannelFullException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.file.FileChannel;
import org.apache.flume.conf.Configurable;
import org.apache.flume.lifecycle.LifecycleState;
import org.pcap2hdfs.row.RowBlock;

/**
 * A Flume file channel that refuses puts as a test scripts it (Flume builds it from {@code type =
 * org.pcap2hdfs.flume.RefusingChannel}; the file channel's own settings apply): every put while
 * {@link #closed}, then the first put of every {@link #refuseEveryNth}-th transaction, {@link
 * #maxScripted} times. A refusal is Flume's {@link ChannelFullException}, as a full channel throws.
 * It counts refusals and the rows (of row blocks and one-datum events) it has committed, and calls
 * {@link #beforeCommit} with the rows committed so far before each commit of puts.
 */
public final class RefusingChannel implements Channel, Configurable {
  static volatile boolean closed;
  static volatile int refuseEveryNth;
  static volatile int maxScripted;
  static volatile LongConsumer beforeCommit = committed -> {};
  static final AtomicLong refusals = new AtomicLong();
  static final AtomicLong committedRows = new AtomicLong();
  private static final AtomicLong scripted = new AtomicLong();
  private static final AtomicLong putTransactions = new AtomicLong();

  /** Back to accepting everything, counters at zero. */
  static void reset() {
    closed = false;
    refuseEveryNth = 0;
    maxScripted = 0;
    beforeCommit = committed -> {};
    refusals.set(0);
    committedRows.set(0);
    scripted.set(0);
    putTransactions.set(0);
  }

  private final FileChannel delegate = new FileChannel();
  private final ThreadLocal<Tx> current = new ThreadLocal<>();

  @Override
  public void configure(Context context) {
    delegate.configure(context);
  }

  @Override
  public void put(Event event) {
    Tx tx = current.get();
    if (tx == null) {
      throw new IllegalStateException("put outside a transaction");
    }
    if (++tx.puts == 1) {
      tx.sequence = putTransactions.incrementAndGet();
    }
    int n = refuseEveryNth;
    if (closed
        || (tx.puts == 1
            && n > 0
            && tx.sequence % n == 0
            && scripted.incrementAndGet() <= maxScripted)) {
      refusals.incrementAndGet();
      throw new ChannelFullException("refused by the test (refusal " + refusals.get() + ")");
    }
    delegate.put(event);
    String rows = event.getHeaders().get(RowBlock.ROWS_HEADER);
    tx.rows += rows == null ? 1 : Long.parseLong(rows);
  }

  @Override
  public Event take() {
    return delegate.take();
  }

  @Override
  public Transaction getTransaction() {
    return new Tx(delegate.getTransaction());
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public void stop() {
    delegate.stop();
  }

  @Override
  public LifecycleState getLifecycleState() {
    return delegate.getLifecycleState();
  }

  @Override
  public void setName(String name) {
    delegate.setName(name);
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  private final class Tx implements Transaction {
    private final Transaction inner;
    long rows;
    long puts;
    long sequence;

    Tx(Transaction inner) {
      this.inner = inner;
    }

    @Override
    public void begin() {
      current.set(this);
      inner.begin();
    }

    @Override
    public void commit() {
      if (rows > 0) {
        beforeCommit.accept(committedRows.get());
      }
      inner.commit();
      committedRows.addAndGet(rows);
      rows = 0;
    }

    @Override
    public void rollback() {
      rows = 0;
      inner.rollback();
    }

    @Override
    public void close() {
      current.remove();
      inner.close();
    }
  }
}
