package org.pcap2hdfs.cli.bench;

import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;

/**
 * The {@code bench-agent} sink: takes and drops events in batches, like Flume's {@code null} sink,
 * but never asks its runner to back off. Flume's null sink answers BACKOFF whenever it finds fewer
 * events than a batch, and the runner then sleeps 1 to 5 s, long enough for the source to fill the
 * channel and wait: the figure would be the sink's naps, not the source's rate. An empty memory
 * channel already makes {@code take()} wait (up to its keep-alive) for the next event, so this loop
 * does not spin.
 */
public final class DrainSink extends AbstractSink implements Configurable {
  private int batchSize;

  @Override
  public void configure(Context context) {
    batchSize = context.getInteger("batchSize", 1000);
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (int i = 0; i < batchSize; i++) {
        Event e = channel.take();
        if (e == null) {
          break;
        }
      }
      tx.commit();
      return Status.READY;
    } catch (RuntimeException e) {
      tx.rollback();
      throw new EventDeliveryException("drain failed", e);
    } finally {
      tx.close();
    }
  }
}
