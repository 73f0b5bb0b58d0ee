package org.pcap2hdfs.plugin;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka 4 broker in KRaft mode (one process that is broker and its own one-voter
 * controller quorum) on loopback, run as a child JVM on the jars of {@code kafka-broker/target/lib}
 * alone: its kafka-clients 4.x must not share a classpath with the 2.7.2 of Flume's Kafka channel,
 * which talks to it over the wire like any client. The log directory is formatted with Kafka's own
 * {@code StorageTool} first, as {@code kafka-storage.sh format} does.
 */
final class KafkaBroker implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);

  private final Path lib;
  private final Path config;
  private final Path log;
  private final String bootstrap;
  private final int port;
  private final Thread reaper;
  private volatile Process process;

  private KafkaBroker(Path lib, Path config, Path log, String bootstrap, int port) {
    this.lib = lib;
    this.config = config;
    this.port = port;
    this.log = log;
    this.bootstrap = bootstrap;
    // Never outlive the test JVM, whatever ends it.
    this.reaper =
        new Thread(
            () -> {
              Process p = process;
              if (p != null) {
                p.destroyForcibly();
              }
            },
            "kafka-broker-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Formats {@code dir/data} and starts the broker on free loopback ports, without waiting for it
   * (see {@link #awaitServing()}): the caller can start other things meanwhile.
   */
  static KafkaBroker launch(Path lib, Path dir) throws Exception {
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "no Kafka broker jars in " + lib + ": build the flume-plugin/kafka-broker module first");
    }
    int brokerPort = freePort();
    int controllerPort = freePort();
    while (controllerPort == brokerPort) {
      controllerPort = freePort();
    }
    String bootstrap = "127.0.0.1:" + brokerPort;
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrap);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("data").toString());
    // The test creates its topics: a misspelt topic in a config must not appear silently.
    p.setProperty("auto.create.topics.enable", "false");
    // One broker: every internal topic with one replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      p.store(out, "KafkaChannelAgentsTest broker");
    }

    Path formatLog = dir.resolve("storage-format.log");
    Process format =
        new ProcessBuilder(
                java(
                    lib,
                    "kafka.tools.StorageTool",
                    "format",
                    "--cluster-id",
                    clusterId(),
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(formatLog.toFile())
            .start();
    if (!format.waitFor(START.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException(
          "kafka storage format failed:\n" + Files.readString(formatLog));
    }

    KafkaBroker broker =
        new KafkaBroker(lib, config, dir.resolve("broker.log"), bootstrap, brokerPort);
    broker.start();
    return broker;
  }

  /**
   * Starts the broker process on its formatted log directory and its ports (after {@link #stop()}:
   * the same broker again, its topics, messages and committed offsets as it left them), without
   * waiting for it.
   */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the Kafka broker is running");
    }
    process =
        new ProcessBuilder(java(lib, "kafka.Kafka", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /**
   * Stops the broker as its init script does (SIGTERM: a controlled shutdown), keeping its data.
   */
  void stop() throws InterruptedException {
    Process p = process;
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** host:port of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  String bootstrap() {
    return bootstrap;
  }

  /** An admin client of the test's own (Flume's) kafka-clients. */
  Admin admin() {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return Admin.create(p);
  }

  /** The broker's output so far, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no broker log: " + e + ")";
    }
  }

  /** Waits until the broker answers a client (its listener up, its metadata ready). */
  void awaitServing() throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    // First the port, quietly (a client logs every refused connection), then a real request.
    while (!listening()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kafka broker exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the Kafka broker did not listen in " + START + ":\n" + logTail());
      }
      Thread.sleep(100);
    }
    try (Admin admin = admin()) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the Kafka broker exited with " + process.exitValue() + ":\n" + logTail());
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "the Kafka broker did not start in " + START + ":\n" + logTail());
        }
        Thread.sleep(200);
      }
    }
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> java(Path lib, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(lib.toAbsolutePath() + File.separator + "*");
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** A KRaft cluster id as {@code kafka-storage.sh random-uuid} prints it: 16 bytes, base64url. */
  private static String clusterId() {
    byte[] b = new byte[16];
    String id;
    do {
      new SecureRandom().nextBytes(b);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    } while (id.startsWith("-"));
    return id;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }
}
