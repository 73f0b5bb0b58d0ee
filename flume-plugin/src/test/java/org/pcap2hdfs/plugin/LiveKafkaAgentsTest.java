package org.pcap2hdfs.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.flume.live.CaptureHost;
import org.pcap2hdfs.flume.live.LiveSourceCounter;
import org.pcap2hdfs.flume.live.LoopbackQueries;
import org.pcap2hdfs.flume.live.NsdServer;
import org.pcap2hdfs.flume.live.PcapLiveSource;
import org.pcap2hdfs.plugin.KafkaTier.StagedRow;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Waits;

/**
 * The live source in the real-time layout: the shipped {@code
 * conf/flume/kafka-live-capture.properties} (the live source on lo, enrichment, Flume's Kafka
 * channel; its placeholders filled, only its filter and DNS port pointed at the test's NSD) and
 * {@code kafka-hdfs-writer.properties} as two agents in this JVM, a real Kafka 4 broker and a
 * MiniDFSCluster. dnsjava sends {@link LoopbackQueries} to NSD on 127.0.0.1; the staged rows are
 * those queries, each joined with its response, exactly as LoopbackCaptureTest expects of the live
 * source alone. Needs root and NSD: skipped without them, except under CI=true, where it fails.
 */
class LiveKafkaAgentsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static MiniHdfs hdfs;
  private static KafkaBroker kafka;
  private static KafkaTier tier;

  @TempDir static Path clusterDir;
  @TempDir Path work;

  @BeforeAll
  static void startClusters() throws Exception {
    CaptureHost.require(NsdServer.installed() ? null : NsdServer.BINARY + " missing");
    kafka =
        KafkaBroker.launch(
            Path.of(System.getProperty("kafka.broker.lib", "kafka-broker/target/lib")),
            Files.createDirectories(clusterDir.resolve("kafka")));
    hdfs = MiniHdfs.start(Files.createDirectories(clusterDir.resolve("hdfs")));
    tier = new KafkaTier(kafka, hdfs.fs());
    kafka.awaitServing();
  }

  @AfterAll
  static void stopClusters() throws Exception {
    try {
      if (hdfs != null) {
        hdfs.close();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @Test
  void liveQueriesTravelThroughKafkaToHdfs() throws Exception {
    Path captureConf = FlumeAgent.conf("flume/kafka-live-capture.properties");
    Path writerConf = FlumeAgent.conf("flume/kafka-hdfs-writer.properties");
    try (NsdServer nsd = NsdServer.start(Files.createDirectory(work.resolve("nsd")))) {
      Waits.until(WAIT, "NSD to answer", () -> LoopbackQueries.answers(nsd.port));
      Map<String, String> v = tier.agentVariables(work, hdfs.uri() + "/staging-live");
      v.put("CAPTURE_INTERFACE", "lo");
      v.put("SERVER_NAME", "ns1");
      v.put("SERVER_LOCATION", "lab");
      Properties capture = KafkaChannelAgentsTest.filled(captureConf, v);
      Properties writer = KafkaChannelAgentsTest.filled(writerConf, v);
      String topic = capture.getProperty("a1.channels.kafka.kafka.topic");
      assertThat(writer.getProperty("a1.channels.kafka.kafka.topic")).isEqualTo(topic);
      String group = writer.getProperty("a1.channels.kafka.kafka.consumer.group.id");
      List<TopicPartition> partitions = tier.createTopic(topic, 2);
      // The test's NSD listens on a free port, not 53.
      Map<String, String> toNsd =
          Map.of(
              "a1.sources.live.filter",
              "port " + nsd.port,
              "a1.sources.live.dnsPorts",
              Integer.toString(nsd.port));

      LiveSourceCounter c;
      try (FlumeAgent hdfsWriter = FlumeAgent.start(writerConf, "a1", v, Map.of(), work)) {
        Waits.until(WAIT, "the writer assigned the topic", () -> tier.assigned(group, topic));
        try (FlumeAgent host = FlumeAgent.start(captureConf, "a1", v, toNsd, work)) {
          PcapLiveSource source = host.source("live");
          c = source.counter();
          Waits.until(WAIT, "the capture to open", () -> c.getCaptureOpens() == 1);
          LoopbackQueries.sendAll(nsd.port);
          int n = LoopbackQueries.QUERIES.length;
          Waits.until(
              WAIT,
              "every query joined and sent to Kafka",
              () -> c.getRowsMatched() == n && c.getRowsAccepted() == n);
        }
        Map<TopicPartition, Long> end = tier.endOffsets(partitions);
        Waits.until(
            WAIT,
            "the group's offsets committed",
            () -> KafkaTier.consumedAll(tier.committed(group), end));
        assertThat(KafkaTier.sinkEventsDrained())
            .isEqualTo(end.values().stream().mapToLong(Long::longValue).sum());
      }

      List<StagedRow> rows = tier.readStaged("/staging-live");
      rows.sort(Comparator.comparing(r -> (Long) r.row.get("time_us")));
      assertThat(
              rows.stream().map(r -> LoopbackQueries.describe(r.row)).collect(Collectors.toList()))
          .containsExactlyElementsOf(LoopbackQueries.expected());
      for (StagedRow r : rows) {
        assertThat(r.get("dst")).isEqualTo("127.0.0.1");
        assertThat(r.row.get("dstp")).isEqualTo(nsd.port);
        assertThat(r.get("server_location")).isEqualTo("lab");
        assertThat(r.get("pcap_file")).startsWith("live_lo_");
        assertThat((Integer) r.row.get("res_len")).as("answered").isPositive();
        assertThat(r.partition).matches("year=\\d{4}/month=[1-9]\\d?/day=[1-9]\\d?/server=ns1");
      }
      assertThat(c.getRowsUnanswered()).isZero();
      assertThat(c.getRowsUnsolicited()).isZero();
      assertThat(c.getKernelDropped()).isZero();
      assertThat(c.getQueueDropped()).isZero();
      assertThat(nsd.alive()).as(nsd.output()).isTrue();
    }
  }
}
