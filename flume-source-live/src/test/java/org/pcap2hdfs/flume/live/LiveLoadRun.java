package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.auth.module.UnixSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern SENT = Pattern.compile("Queries sent:\\s+(\\d+)");
  private static final Pattern COMPLETED = Pattern.compile("Queries completed:\\s+(\\d+)");

  @TempDir Path dir;

  @Test
  void rates() throws Exception {
    Assumptions.assumeTrue(new UnixSystem().getUid() == 0, "capturing needs root");
    Assumptions.assumeTrue(NsdServer.installed(), "NSD missing");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dnsperf")), "dnsperf missing");
    String[] rates = System.getProperty("live.load.rates", "10000,50000").split(",");
    int seconds = Integer.getInteger("live.load.seconds", 10);
    Path queries = dir.resolve("queries.txt");
    List<String> lines = new ArrayList<>();
    for (String name : new String[] {"www", "mail", "txt", "nope", "ns1", "missing"}) {
      lines.add(name + "." + NsdServer.ZONE + " A");
      lines.add(name + "." + NsdServer.ZONE + " AAAA");
    }
    Files.write(queries, lines, StandardCharsets.US_ASCII);
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
    Process perf =
        new ProcessBuilder(
                "dnsperf",
                "-s",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-d",
                queries.toString(),
                "-l",
                Integer.toString(seconds),
                "-Q",
                Integer.toString(rate),
                "-c",
                "4",
                "-q",
                "2000",
                "-t",
                "2")
            .redirectErrorStream(true)
            .start();
    String out = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(perf.waitFor()).as(out).isZero();
    long sent = number(SENT, out);
    long completed = number(COMPLETED, out);
    LiveSourceCounter c = source.counter();
    long[] last = {-1};
    Waits.until(
        Duration.ofSeconds(120),
        "every captured packet decoded or dropped",
        () -> {
          long captured = c.getCapturePackets();
          boolean settled = captured == last[0] && c.getPackets() + c.getQueueDropped() == captured;
          last[0] = captured;
          sleepQuietly(1000);
          return settled;
        });
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
        sent,
        completed,
        rows.get(),
        c.getRowsUnanswered(),
        c.getKernelDropped() + c.getInterfaceDropped(),
        c.getQueueDropped());
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long number(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + p + " in dnsperf's output:\n" + text);
    }
    return Long.parseLong(m.group(1));
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
