package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcap2hdfs.testing.Waits;

/** dnsperf from Debian against {@link NsdServer}, for the load runs of the live source. */
public final class DnsPerf {
  public static final Path BINARY = Path.of("/usr/bin/dnsperf");
  private static final Pattern SENT = Pattern.compile("Queries sent:\\s+(\\d+)");
  private static final Pattern COMPLETED = Pattern.compile("Queries completed:\\s+(\\d+)");

  /** Queries sent and completed (answered) as dnsperf counts them. */
  public final long sent;

  public final long completed;

  private DnsPerf(long sent, long completed) {
    this.sent = sent;
    this.completed = completed;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** A dnsperf query file of names in and out of NSD's zone, A and AAAA each. */
  public static Path queryFile(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String name : new String[] {"www", "mail", "txt", "nope", "ns1", "missing"}) {
      lines.add(name + "." + NsdServer.ZONE + " A");
      lines.add(name + "." + NsdServer.ZONE + " AAAA");
    }
    return Files.write(dir.resolve("queries.txt"), lines, StandardCharsets.US_ASCII);
  }

  /** Sends {@code queries} over UDP to 127.0.0.1:{@code port} at {@code rate} q/s. */
  public static DnsPerf run(int port, int rate, int seconds, Path queries) throws Exception {
    Process perf =
        new ProcessBuilder(
                BINARY.toString(),
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
    return new DnsPerf(number(SENT, out), number(COMPLETED, out));
  }

  /** Waits until every packet the capture took is decoded or dropped, and no more arrive. */
  public static void awaitSettled(LiveSourceCounter c) throws InterruptedException {
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
}
