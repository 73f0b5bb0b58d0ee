package org.pcap2hdfs.plugin;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.flume.live.DnsPerf;
import org.pcap2hdfs.flume.live.LiveSourceCounter;
import org.pcap2hdfs.flume.live.NsdServer;
import org.pcap2hdfs.flume.live.PcapLiveSource;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.Waits;

/**
 * The load run of the live source through the Kafka tier (not a unit test; run it by name): as
 * {@code LiveLoadRun}, dnsperf sends UDP queries at fixed rates to NSD on 127.0.0.1 while the live
 * source captures them on lo, but in the shipped layout: {@code kafka-live-capture.properties}
 * (enrichment, Flume's Kafka channel) into a real Kafka 4 broker, and {@code
 * kafka-hdfs-writer.properties} staging into a local file:// directory. Prints queries sent against
 * rows sent to Kafka, rows staged and drops.
 *
 * <pre>
 * ./mvnw -B -o test -pl flume-plugin -am -Dtest=LiveKafkaLoadRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlive.load.rates=10000,50000 -Dlive.load.seconds=10
 * </pre>
 */
class LiveKafkaLoadRun {
  private static final Duration WAIT = Duration.ofMinutes(3);

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
            "| target q/s | sent | completed | rows to Kafka | rows staged | unanswered"
                + " | kernel drops | queue drops |\n|---|---|---|---|---|---|---|---|\n");
    try (KafkaBroker kafka =
            KafkaBroker.launch(
                Path.of(System.getProperty("kafka.broker.lib", "kafka-broker/target/lib")),
                Files.createDirectories(dir.resolve("kafka")));
        NsdServer nsd = NsdServer.start(Files.createDirectory(dir.resolve("nsd")))) {
      kafka.awaitServing();
      KafkaTier tier = new KafkaTier(kafka, FileSystem.getLocal(new Configuration()));
      for (String rate : rates) {
        report
            .append(run(tier, nsd.port, Integer.parseInt(rate.trim()), seconds, queries))
            .append('\n');
      }
    }
    System.out.println(report);
    Files.writeString(Path.of("target/live-kafka-load.md"), report);
  }

  private String run(KafkaTier tier, int port, int rate, int seconds, Path queries)
      throws Exception {
    Path work = Files.createDirectories(dir.resolve("run-" + rate));
    Path staging = work.resolve("staging");
    Map<String, String> v = tier.agentVariables(work, staging.toUri().toString());
    v.put("CAPTURE_INTERFACE", "lo");
    v.put("SERVER_NAME", "ns1");
    v.put("SERVER_LOCATION", "lab");
    String topic = "dns-queries-" + rate;
    String group = "writers-" + rate;
    List<TopicPartition> partitions = tier.createTopic(topic, 2);
    Map<String, String> writerOverrides =
        Map.of(
            "a1.channels.kafka.kafka.topic", topic,
            "a1.channels.kafka.kafka.consumer.group.id", group);
    Map<String, String> captureOverrides =
        Map.of(
            "a1.channels.kafka.kafka.topic",
            topic,
            "a1.sources.live.filter",
            "port " + port,
            "a1.sources.live.dnsPorts",
            Integer.toString(port));
    DnsPerf perf;
    LiveSourceCounter c;
    try (FlumeAgent writer =
        FlumeAgent.start(
            FlumeAgent.conf("flume/kafka-hdfs-writer.properties"),
            "a1",
            v,
            writerOverrides,
            work)) {
      Waits.until(WAIT, "the writer assigned the topic", () -> tier.assigned(group, topic));
      try (FlumeAgent host =
          FlumeAgent.start(
              FlumeAgent.conf("flume/kafka-live-capture.properties"),
              "a1",
              v,
              captureOverrides,
              work)) {
        PcapLiveSource source = host.source("live");
        c = source.counter();
        Waits.until(WAIT, "the capture", () -> c.getCaptureOpens() == 1);
        perf = DnsPerf.run(port, rate, seconds, queries);
        DnsPerf.awaitSettled(c);
        Waits.until(WAIT, "every row sent to Kafka", () -> c.getRowsAccepted() == c.getRows());
      }
      Map<TopicPartition, Long> end = tier.endOffsets(partitions);
      Waits.until(
          WAIT,
          "the writer's offsets committed",
          () -> KafkaTier.consumedAll(tier.committed(group), end));
    }
    return String.format(
        "| %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d |",
        rate,
        perf.sent,
        perf.completed,
        c.getRowsAccepted(),
        tier.countStaged(staging.toString()),
        c.getRowsUnanswered(),
        c.getKernelDropped() + c.getInterfaceDropped(),
        c.getQueueDropped());
  }
}
