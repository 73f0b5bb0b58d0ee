package org.pcap2hdfs.flume.live;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.testing.EventRows;
import org.pcap2hdfs.testing.Waits;

/**
 * The load run (not a unit test; run it by name): dnsperf from Debian sends UDP queries at fixed
 * rates to NSD on 127.0.0.1 for {@code live.load.seconds} each while the live source captures them
 * on lo; prints queries sent against rows and drops.
 *
 * <pre>
 * ./mvnw -B -o test -pl flume-source-live -am -Dtest=LiveLoadRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlive.load.rates=10000,50000,100000 -Dlive.load.seconds=10
 * </pre>
 */
class LiveLoadRun {
  @TempDir Path dir;

  @Test
  void rates() throws Exception {
    Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "capturing needs root");
    Assumptions.assumeTrue(NsdServer.installed(), "NSD missing");
    Assumptions.assumeTrue(DnsPerf.installed(), "dnsperf missing");
    String[] rates = System.getProperty("live.load.rates", "10000,50000").split(",");
    int seconds = Integer.getInteger("live.load.seconds", 10);
    Path queries = DnsPerf.queryFile(dir);
    StringBuilder report =
        new StringBuilder(
            "| target q/s | sent | completed | rows | unanswered | kernel drops | queue drops |\n"
                + "|---|---|---|---|---|---|---|\n");
    try (NsdServer nsd = NsdServer.start(Files.createDirectory(dir.resolve("nsd")))) {
      Thread.sleep(1000);
      for (String rate : rates) {
        report.append(run(nsd.port, Integer.parseInt(rate.trim()), seconds, queries)).append('\n');
      }
    }
    System.out.println(report);
    Files.writeString(Path.of("target/live-load.md"), report);
  }

  private String run(int port, int rate, int seconds, Path queries) throws Exception {
    MemoryChannel channel = new MemoryChannel();
    Map<String, String> ch = new HashMap<>();
    ch.put("capacity", "100000");
    ch.put("transactionCapacity", "1000");
    ch.put("keep-alive", "0");
    Configurables.configure(channel, new Context(ch));
    channel.start();
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of((Channel) channel));
    ChannelProcessor processor = new ChannelProcessor(selector);
    processor.configure(new Context());
    PcapLiveSource source = new PcapLiveSource();
    source.setName("load");
    source.setChannelProcessor(processor);
    Map<String, String> s = new HashMap<>();
    s.put("interface", "lo");
    s.put("server", "ns1.test");
    s.put("filter", "port " + port);
    s.put("dnsPorts", Integer.toString(port));
    s.put("schemaDir", dir.resolve("schema").toString());
    s.put("rowsPerEvent", "1000");
    s.put("batchSize", "10");
    Configurables.configure(source, new Context(s));
    AtomicLong rows = new AtomicLong();
    Thread drain = new Thread(() -> drain(channel, rows), "drain");
    drain.setDaemon(true);
    source.start();
    drain.start();
    Waits.until(
        Duration.ofSeconds(10), "the capture", () -> source.counter().getCaptureOpens() == 1);
    DnsPerf perf = DnsPerf.run(port, rate, seconds, queries);
    LiveSourceCounter c = source.counter();
    DnsPerf.awaitSettled(c);
    source.stop();
    Waits.until(
        Duration.ofSeconds(30),
        "the channel drained",
        () -> rows.get() == source.counter().getRowsAccepted());
    drain.interrupt();
    drain.join(5000);
    channel.stop();
    return String.format(
        "| %,d | %,d | %,d | %,d | %,d | %,d | %,d |",
        rate,
        perf.sent,
        perf.completed,
        rows.get(),
        c.getRowsUnanswered(),
        c.getKernelDropped() + c.getInterfaceDropped(),
        c.getQueueDropped());
  }

  private static void drain(MemoryChannel channel, AtomicLong rows) {
    while (!Thread.currentThread().isInterrupted()) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      int n = 0;
      for (Event e; n < 100 && (e = channel.take()) != null; n++) {
        rows.addAndGet(EventRows.count(List.of(e)));
      }
      tx.commit();
      tx.close();
      if (n == 0) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }
}
