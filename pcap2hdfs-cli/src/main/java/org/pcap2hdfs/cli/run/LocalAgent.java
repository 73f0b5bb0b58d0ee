package org.pcap2hdfs.cli.run;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.SourceRunner;
import org.apache.flume.node.Application;
import org.apache.flume.node.MaterializedConfiguration;
import org.apache.flume.node.PropertiesFileConfigurationProvider;
import org.pcap2hdfs.config.PropertiesTemplate;
import org.pcap2hdfs.flume.PcapSourceCounter;
import org.pcap2hdfs.flume.PcapSpoolingSource;

/**
 * A real Flume agent in this JVM ({@code org.apache.flume.node.Application}) from a properties
 * template, and the wait until it has turned every capture of the spool into closed staged files.
 */
public final class LocalAgent implements AutoCloseable {
  private static final long STALL_NANOS = 300_000_000_000L;

  private final Application application;
  private final PcapSourceCounter source;
  private final List<String> channelNames;

  private LocalAgent(Application application, PcapSourceCounter source, List<String> channelNames) {
    this.application = application;
    this.source = source;
    this.channelNames = channelNames;
  }

  @SuppressWarnings("deprecation") // the provider Flume 1.9 and 1.11 both have
  public static LocalAgent start(
      Path template, String agent, Map<String, String> values, Path workDir) throws IOException {
    Path file = workDir.resolve("agent.properties");
    Files.writeString(file, PropertiesTemplate.fill(template, values));
    MaterializedConfiguration configuration =
        new PropertiesFileConfigurationProvider(agent, file.toFile()).getConfiguration();
    if (configuration.getSourceRunners().isEmpty() || configuration.getChannels().isEmpty()) {
      throw new IllegalStateException(
          "the agent configuration " + file + " was rejected by Flume: see the agent log");
    }
    Application application = new Application();
    application.handleConfigurationEvent(configuration);
    application.start();
    SourceRunner runner = configuration.getSourceRunners().values().iterator().next();
    PcapSpoolingSource pcap = (PcapSpoolingSource) runner.getSource();
    List<String> channels = new ArrayList<>(configuration.getChannels().keySet());
    return new LocalAgent(application, pcap.counter(), channels);
  }

  public PcapSourceCounter source() {
    return source;
  }

  /**
   * Waits until every capture in {@code spool} is marked done or failed, the pending queries are
   * emitted, the channels are empty and no staged file under the staging roots is still open.
   * In-use files in {@code leftOpen} (a killed run's, found before this agent started) are
   * compaction's to recover, not this agent's to close. Prints progress each second.
   */
  void awaitDrained(Path spool, List<Path> stagings, Set<Path> leftOpen, PrintStream progress)
      throws Exception {
    long started = System.nanoTime();
    long lastRows = 0;
    long lastTime = started;
    long lastChange = started;
    String lastState = "";
    while (true) {
      Thread.sleep(1000);
      long now = System.nanoTime();
      long rows = source.getRows();
      double rate = (rows - lastRows) / ((now - lastTime) / 1e9);
      lastRows = rows;
      lastTime = now;
      long waiting = capturesWaiting(spool);
      progress.printf(
          "agent: files %d done, %d failed, %d waiting | packets %,d | rows %,d (%,.0f rows/s) | channel %,d%n",
          source.getFilesDone(),
          source.getFilesFailed(),
          waiting,
          source.getPackets(),
          rows,
          rate,
          channelSize());
      long open = 0;
      for (Path staging : stagings) {
        open += inUseFiles(staging).stream().filter(f -> !leftOpen.contains(f)).count();
      }
      if (waiting == 0 && source.getPendingQueries() == 0 && channelSize() == 0 && open == 0) {
        return;
      }
      String state =
          waiting
              + "/"
              + rows
              + "/"
              + channelSize()
              + "/"
              + open
              + "/"
              + source.getPendingQueries();
      if (!state.equals(lastState)) {
        lastState = state;
        lastChange = now;
      } else if (now - lastChange > STALL_NANOS) {
        throw new IllegalStateException(
            "the agent made no progress for 5 minutes (captures waiting "
                + waiting
                + ", channel "
                + channelSize()
                + ", open staged files "
                + open
                + "): see the log");
      }
    }
  }

  /** Capture files not yet marked done or failed. */
  static long capturesWaiting(Path spool) throws IOException {
    try (Stream<Path> files = Files.walk(spool)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/."))
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.endsWith(".COMPLETED") && !n.endsWith(".FAILED"))
          .count();
    }
  }

  /** Staged files under {@code staging} still named in-use ({@code _*}). */
  static Set<Path> inUseFiles(Path staging) throws IOException {
    if (!Files.exists(staging)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("_"))
          .collect(Collectors.toSet());
    }
  }

  /** Events in the agent's channels. */
  public long channelSize() throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long size = 0;
    for (String name : channelNames) {
      size +=
          (Long)
              server.getAttribute(
                  new ObjectName("org.apache.flume.channel:type=" + name), "ChannelSize");
    }
    return size;
  }

  /**
   * Stops the agent; the line Flume's file channel prints on stopping goes to stderr, not stdout.
   */
  @Override
  public void close() {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      application.stop();
    } finally {
      System.setOut(stdout);
    }
  }
}
