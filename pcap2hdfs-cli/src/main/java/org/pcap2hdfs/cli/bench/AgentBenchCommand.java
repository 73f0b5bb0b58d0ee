package org.pcap2hdfs.cli.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcap2hdfs.cli.run.LocalAgent;
import org.pcap2hdfs.cli.run.RunCommand;
import org.pcap2hdfs.flume.PcapSourceCounter;
import org.pcap2hdfs.row.RowSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench-agent}: a real Flume agent in this JVM reading a spool of one capture per server,
 * into a memory channel drained by {@link DrainSink} (the source's own rate), or into a file
 * channel and the HDFS sink on the local disk (the production path). Reports events per second from
 * the first event into the channel until every capture is read, and the time until the last event
 * was delivered, which adds the idle flush of the last unanswered queries ({@code idleFlushMs}) and
 * the sink's last batch.
 */
@Command(
    name = "bench-agent",
    mixinStandardHelpOptions = true,
    description = "Events per second through a Flume agent with the PCAP source.")
public final class AgentBenchCommand implements Callable<Integer> {
  @Option(
      names = "--servers",
      defaultValue = "2",
      description = "Server folders, each with the capture (default: ${DEFAULT-VALUE}).")
  int servers;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "The source's worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--sink",
      defaultValue = "null",
      description =
          "null (memory channel, a sink that drops the events) or hdfs (file channel, HDFS sink to local disk); default: ${DEFAULT-VALUE}.")
  String sink;

  @Option(
      names = "--rows-per-event",
      defaultValue = "1000",
      description =
          "Rows per Flume event: 1 for one-datum events, more for row blocks (default: ${DEFAULT-VALUE}).")
  int rowsPerEvent;

  @Option(
      names = "--work",
      defaultValue = "target/bench-agent",
      description = "Scratch directory, emptied first (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Agent runs in this JVM; the first warms the JIT up and is not counted (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Parameters(
      index = "0",
      paramLabel = "CAPTURE",
      description = "The capture every server folder gets.")
  Path capture;

  @Override
  public Integer call() throws Exception {
    Path root = work.toAbsolutePath().normalize();
    deleteRecursively(root);
    System.setProperty(
        "org.slf4j.simpleLogger.logFile",
        Files.createDirectories(root).resolve("agent.log").toString());
    for (int round = 1; round <= rounds; round++) {
      round(root.resolve("round-" + round), round == 1 ? "warm-up" : "round " + round);
    }
    return 0;
  }

  private void round(Path dir, String label) throws Exception {
    PrintStream out = System.out;
    Path home = RunCommand.home();
    Path spool = Files.createDirectories(dir.resolve("spool"));
    for (int i = 1; i <= servers; i++) {
      Path folder = Files.createDirectories(spool.resolve("s" + i + "_bench"));
      Files.createLink(folder.resolve(capture.getFileName()), capture.toAbsolutePath());
    }
    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spool.toString());
    v.put("STATE_DIR", dir.resolve("state").toString());
    v.put("THREADS", Integer.toString(threads));
    v.put(
        "SCHEMA_URL",
        Files.writeString(dir.resolve("dns_query.avsc"), RowSchema.get().json())
            .toUri()
            .toString());
    v.put("CHANNEL_DIR", dir.resolve("channel").toString());
    v.put("STAGING_URI", dir.resolve("staging").toUri().toString().replaceAll("/$", ""));
    boolean blocks = rowsPerEvent > 1;
    boolean hdfs = sink.equals("hdfs");
    // Channel and transaction sizes in events: blocks hold about the rows the one-datum sizes do.
    v.put("ROWS_PER_EVENT", Integer.toString(rowsPerEvent));
    v.put("SOURCE_BATCH", blocks ? "10" : "1000");
    v.put("TRANSACTION_CAPACITY", blocks ? "100" : hdfs ? "10000" : "1000");
    v.put("SINK_BATCH", blocks ? "20" : hdfs ? "10000" : "1000");
    v.put("CHANNEL_CAPACITY", blocks ? (hdfs ? "10000" : "200") : hdfs ? "1000000" : "200000");
    Path conf =
        home.resolve(
            sink.equals("hdfs")
                ? "conf/bench/file-hdfs.properties"
                : "conf/bench/memory-null.properties");

    long first = 0;
    long read = 0;
    long readEvents = 0;
    long last;
    long events;
    long readRows = 0;
    long rows;
    try (LocalAgent agent = LocalAgent.start(conf, "bench", v, dir)) {
      PcapSourceCounter c = agent.source();
      while (true) {
        long now = System.nanoTime();
        if (first == 0 && c.getEventAcceptedCount() > 0) {
          first = now;
        }
        boolean filesEnded = c.getFilesDone() + c.getFilesFailed() == servers;
        if (read == 0 && filesEnded) {
          read = now;
          readEvents = c.getEventAcceptedCount();
          readRows = c.getRowsAccepted();
        }
        if (filesEnded && c.getPendingQueries() == 0 && agent.channelSize() == 0) {
          last = now;
          events = c.getEventAcceptedCount();
          rows = c.getRowsAccepted();
          break;
        }
        Thread.sleep(5);
      }
      double readSeconds = (read - first) / 1e9;
      out.printf(
          Locale.ROOT,
          "bench-agent %s: sink=%s servers=%d threads=%d rowsPerEvent=%d rows=%d events=%d"
              + " packets=%d; files read in %.2f s: %.0f rows/s, %.0f events/s, %.2f M packets/s;"
              + " all %d rows delivered after %.2f s: %.0f rows/s%n",
          label,
          sink,
          servers,
          threads,
          rowsPerEvent,
          readRows,
          readEvents,
          c.getPackets(),
          readSeconds,
          readRows / readSeconds,
          readEvents / readSeconds,
          c.getPackets() / readSeconds / 1e6,
          rows,
          (last - first) / 1e9,
          rows / ((last - first) / 1e9));
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
