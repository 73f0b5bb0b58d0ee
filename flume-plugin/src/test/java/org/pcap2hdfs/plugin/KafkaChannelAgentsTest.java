package org.pcap2hdfs.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.config.PropertiesTemplate;
import org.pcap2hdfs.flume.PcapSpoolingSource;
import org.pcap2hdfs.interceptor.testing.AgentEnrichment;
import org.pcap2hdfs.plugin.KafkaTier.StagedRow;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * The real-time transport as shipped: {@code conf/flume/kafka-capture-host.properties} (the PCAP
 * source, geo/customer/resolver enrichment, Flume's Kafka channel) and {@code
 * conf/flume/kafka-hdfs-writer.properties} (the Kafka channel in the HDFS writers' consumer group,
 * the stock HDFS sink with {@code RowBlockSerializer}) as two Flume agents in this JVM, only their
 * {@code ${NAME}} placeholders filled, against a real Kafka 4 broker (KRaft, a child JVM: see
 * {@link KafkaBroker}) and a MiniDFSCluster. The staged rows are decode's rows enriched by the same
 * interceptor settings, every column compared; Kafka holds exactly the blocks the source sent and
 * the writers' group has consumed all of them. Then the same agents across a broker restart.
 *
 * <p>The tests share the broker and the cluster, each on a topic and staging directory of its own;
 * the restart runs last (the first test tells its agents' interceptor counters from those already
 * registered).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaChannelAgentsTest {
  private static final Path KNOT =
      Path.of(
          "../flume-source-pcap/src/test/resources/pcap/generated__knot-example.ca-geo.pcap.gz");
  private static final int KNOT_ROWS = 24_843;
  private static final String EXPECTED_COUNTERS = "expected-enrichment";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final int RESTART_COPIES = 4;

  private static MiniHdfs hdfs;
  private static KafkaBroker kafka;
  private static KafkaTier tier;

  @TempDir static Path clusterDir;
  @TempDir Path work;

  @BeforeAll
  static void startClusters() throws Exception {
    kafka =
        KafkaBroker.launch(
            Path.of(System.getProperty("kafka.broker.lib", "kafka-broker/target/lib")),
            Files.createDirectories(clusterDir.resolve("kafka")));
    // The broker boots in its own JVM while the MiniDFSCluster starts in this one.
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
  @Order(1)
  void capturedRowsTravelThroughKafkaToHdfsAsDecodeAndEnrichmentMakeThem() throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Files.copy(KNOT, spool.resolve(KNOT.getFileName()));
    Map<String, String> v = variables(spool.getParent());
    Path captureConf = FlumeAgent.conf("flume/kafka-capture-host.properties");
    Path writerConf = FlumeAgent.conf("flume/kafka-hdfs-writer.properties");
    Properties capture = filled(captureConf, v);
    Properties writer = filled(writerConf, v);
    String topic = capture.getProperty("a1.channels.kafka.kafka.topic");
    assertThat(writer.getProperty("a1.channels.kafka.kafka.topic")).isEqualTo(topic);
    String group = writer.getProperty("a1.channels.kafka.kafka.consumer.group.id");

    List<GenericRecord> expected = decodedAndEnriched(capture, EXPECTED_COUNTERS, KNOT);
    assertThat(expected).hasSize(KNOT_ROWS);

    List<TopicPartition> partitions = tier.createTopic(topic, 2);

    // The capture host alone: every block lands in Kafka, nothing reads it yet.
    long blocks;
    // Not Kafka's business, only the test's clock: pending queries at the end of the capture wait
    // idleFlushMs (5 minutes by default) for a next file before they are emitted; every agent test
    // shortens it.
    Map<String, String> flushSoon = Map.of("a1.sources.pcap.idleFlushMs", "500");
    Set<ObjectName> countersBefore = interceptorCounters();
    try (FlumeAgent host = FlumeAgent.start(captureConf, "a1", v, flushSoon, work)) {
      PcapSpoolingSource source = host.source("pcap");
      Waits.until(
          WAIT,
          "every row sent to Kafka",
          () ->
              source.counter().getFilesDone() == 1
                  && source.counter().getRowsAccepted() >= KNOT_ROWS);
      assertThat(source.counter().getFilesFailed()).isZero();
      assertThat(source.counter().getRowsAccepted()).isEqualTo(KNOT_ROWS);
      blocks = source.counter().getEventAcceptedCount();
    }
    // Row blocks of up to 1,000 rows: many Kafka messages, not one per row nor one in all.
    assertThat(blocks).isBetween(KNOT_ROWS / 1000L, KNOT_ROWS / 1000L + 8);
    Map<TopicPartition, Long> end = tier.endOffsets(partitions);
    assertThat(end.values().stream().mapToLong(Long::longValue).sum())
        .as("messages in %s (end offsets %s)", topic, end)
        .isEqualTo(blocks);
    assertThat(tier.committed(group)).as("nothing consumed before the writer starts").isEmpty();

    // The HDFS writer drains the topic; stopping it closes (renames) its open files.
    try (FlumeAgent hdfsWriter = FlumeAgent.start(writerConf, "a1", v, Map.of(), work)) {
      Waits.until(
          WAIT, "every block written to HDFS", () -> KafkaTier.sinkEventsDrained() >= blocks);
      Waits.until(
          WAIT,
          "the group's offsets committed",
          () -> KafkaTier.consumedAll(tier.committed(group), end));
    }
    assertThat(KafkaTier.sinkEventsDrained()).isEqualTo(blocks);
    assertThat(tier.endOffsets(partitions)).as("nothing added since").isEqualTo(end);

    List<StagedRow> rows = tier.readStaged("/staging");
    assertThat(rows).hasSize(KNOT_ROWS);
    Staged.assertSameRows(rows.stream().map(r -> r.row).collect(Collectors.toList()), expected);
    Set<String> paths =
        rows.stream().map(r -> r.partition).collect(Collectors.toCollection(TreeSet::new));
    // The headers crossed Kafka with the bodies (parseAsFlumeEvent): the sink's path uses them.
    assertThat(paths)
        .isNotEmpty()
        .allMatch(p -> p.matches("year=\\d{4}/month=[1-9]\\d?/day=[1-9]\\d?/server=ns1"));

    // The expectation is not vacuous: every stage really filled columns (values as in
    // EnrichedAgentHdfsTest, from the MaxMind test databases and conf/customers).
    Map<String, StagedRow> byClient =
        rows.stream().collect(Collectors.toMap(r -> r.get("src"), r -> r, (a, b) -> a));
    assertThat(byClient.get("89.160.20.112").get("city")).isEqualTo("Linköping");
    assertThat(byClient.get("89.160.20.112").get("asn")).isEqualTo("29518");
    assertThat(byClient.get("81.2.69.142").get("country")).isEqualTo("GB");
    // (not assertThat(rows).anyMatch: its failure message would list 24,843 rows)
    assertThat(rows.stream().anyMatch(r -> "C001".equals(r.get("customer_id"))))
        .as("a row of customer C001")
        .isTrue();
    // Each of the agent's stages saw every row and enriched as many as the expectation's did (the
    // resolver none: no client of this capture is in the public-resolver list).
    Set<ObjectName> expectedGroups = new HashSet<>();
    Set<ObjectName> agentGroups = new HashSet<>();
    for (ObjectName n : interceptorCounters()) {
      if (n.getKeyProperty("type").startsWith(EXPECTED_COUNTERS + ".")) {
        expectedGroups.add(n);
      } else if (!countersBefore.contains(n)) {
        agentGroups.add(n);
      }
    }
    Map<String, List<Long>> agentStages = stageCounters(agentGroups);
    assertThat(agentStages)
        .containsOnlyKeys("geoip", "customer", "resolver")
        .isEqualTo(stageCounters(expectedGroups));
    agentStages.values().forEach(c -> assertThat(c.get(0)).isEqualTo(KNOT_ROWS));
    assertThat(agentStages.get("geoip").get(1)).isPositive();
    assertThat(agentStages.get("customer").get(1)).isPositive();
  }

  /**
   * The broker stopped (SIGTERM, as its init script does) while the capture host is sending, and
   * again while the writer is consuming, each time started again on the same log directory and port
   * after an outage of some seconds: the capture host's puts wait meanwhile (Flume's Kafka channel
   * waits on the producer's futures, the producer retries until delivery.timeout.ms, 2 minutes),
   * the writer's polls find nothing and resume.
   *
   * <p>Nothing is lost. The transport is at-least-once, so duplicates may be staged (a producer
   * retry of a batch the broker had written, which the shipped idempotent producer should prevent,
   * or a writer transaction whose offset commit failed after the sink had written its events);
   * compaction removes them by {@code event_id}. Hence: the staged rows, as a multiset, are
   * decode's rows once each plus exact copies, and deduplicated by {@code event_id} they are
   * decode's rows, every column compared. The duplicates are counted.
   */
  @Test
  @Order(2)
  void nothingIsLostAcrossABrokerRestart() throws Exception {
    // The capture under four names: four files of distinct event_ids (server, file and index),
    // decoded one after the other as the source reads a server's files.
    Path input = Files.createDirectories(work.resolve("input"));
    List<Path> captures = new ArrayList<>();
    for (int i = 1; i <= RESTART_COPIES; i++) {
      captures.add(Files.copy(KNOT, input.resolve("knot-" + i + ".pcap.gz")));
    }
    int total = KNOT_ROWS * RESTART_COPIES;
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Map<String, String> v = variables(spool.getParent());
    v.put("STAGING_URI", hdfs.uri() + "/staging-restart");
    Path captureConf = FlumeAgent.conf("flume/kafka-capture-host.properties");
    Path writerConf = FlumeAgent.conf("flume/kafka-hdfs-writer.properties");
    Properties writer = filled(writerConf, v);
    String group = writer.getProperty("a1.channels.kafka.kafka.consumer.group.id");
    String topic = "dns-queries-restart";
    Map<String, String> ownTopic = Map.of("a1.channels.kafka.kafka.topic", topic);
    List<GenericRecord> expected =
        decodedAndEnriched(
            filled(captureConf, v), EXPECTED_COUNTERS + "-restart", captures.toArray(new Path[0]));
    assertThat(expected).hasSize(total);
    List<TopicPartition> partitions = tier.createTopic(topic, 2);
    for (Path c : captures) {
      Files.copy(c, spool.resolve(c.getFileName()));
    }
    Map<String, String> captureOverrides = new HashMap<>(ownTopic);
    captureOverrides.put("a1.sources.pcap.idleFlushMs", "500");

    long blocks;
    long acceptedAtStop;
    long drainedAtStop;
    long backoffs;
    Map<TopicPartition, Long> end;
    try (FlumeAgent hdfsWriter = FlumeAgent.start(writerConf, "a1", v, ownTopic, work)) {
      // The writer in the group before the first block: it drains while the source still sends.
      Waits.until(WAIT, "the writer assigned the topic", () -> tier.assigned(group, topic));
      try (FlumeAgent host = FlumeAgent.start(captureConf, "a1", v, captureOverrides, work)) {
        PcapSpoolingSource source = host.source("pcap");
        // Down while the source sends: it has one Kafka transaction done and more to send.
        Waits.until(WAIT, "a first block in Kafka", () -> source.counter().getRowsAccepted() > 0);
        kafka.stop();
        acceptedAtStop = source.counter().getRowsAccepted();
        assertThat(acceptedAtStop).as("rows in Kafka when it stopped").isLessThan(total);
        Thread.sleep(OUTAGE.toMillis());
        assertThat(source.counter().getRowsAccepted())
            .as("rows accepted while the broker was down")
            .isEqualTo(acceptedAtStop);
        kafka.start();
        kafka.awaitServing();
        // Down again while the writer drains (its batches of 20 blocks lag the source's).
        Waits.until(WAIT, "a first block on HDFS", () -> KafkaTier.sinkEventsDrained() > 0);
        kafka.stop();
        drainedAtStop = KafkaTier.sinkEventsDrained();
        Thread.sleep(OUTAGE.toMillis());
        kafka.start();
        kafka.awaitServing();
        Waits.until(
            Duration.ofMinutes(3),
            "every row sent to Kafka after the restarts",
            () ->
                source.counter().getFilesDone() == RESTART_COPIES
                    && source.counter().getRowsAccepted() >= total);
        assertThat(source.counter().getFilesFailed()).isZero();
        assertThat(source.counter().getRowsAccepted()).isEqualTo(total);
        blocks = source.counter().getEventAcceptedCount();
        backoffs = source.counter().getChannelBackoffs();
      }
      end = tier.endOffsets(partitions);
      Waits.until(
          Duration.ofMinutes(3),
          "the group's offsets committed",
          () -> KafkaTier.consumedAll(tier.committed(group), end));
    }
    long messages = end.values().stream().mapToLong(Long::longValue).sum();
    assertThat(drainedAtStop).as("blocks on HDFS when it stopped again").isLessThan(messages);
    assertThat(messages)
        .as("messages in %s for %d blocks", topic, blocks)
        .isGreaterThanOrEqualTo(blocks);

    List<StagedRow> rows = tier.readStaged("/staging-restart");
    Map<String, List<String>> copies = new HashMap<>();
    for (StagedRow r : rows) {
      copies.computeIfAbsent(r.get("event_id"), k -> new ArrayList<>()).add(r.row.toString());
    }
    List<GenericRecord> once = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StagedRow r : rows) {
      List<String> same = copies.get(r.get("event_id"));
      assertThat(new HashSet<>(same)).as("the copies of event_id %s", r.get("event_id")).hasSize(1);
      if (seen.add(r.get("event_id"))) {
        once.add(r.row);
      }
    }
    Staged.assertSameRows(once, expected);
    long duplicates = rows.size() - once.size();
    System.out.printf(
        "broker restarts: stopped after %,d rows sent, again after %,d blocks staged;"
            + " %,d channel backoffs;"
            + " %,d Kafka messages for %,d blocks; %,d rows staged for %,d, %,d duplicates%n",
        acceptedAtStop, drainedAtStop, backoffs, messages, blocks, rows.size(), total, duplicates);
  }

  /** The interceptor counter groups registered in JMX, as Flume's monitoring reads them. */
  private static Set<ObjectName> interceptorCounters() throws Exception {
    return ManagementFactory.getPlatformMBeanServer()
        .queryNames(new ObjectName("org.apache.flume.interceptor:type=*"), null);
  }

  /**
   * Rows in and rows enriched of each enrichment stage among {@code groups}, by stage kind (the
   * groups are {@code <counterGroup>.<kind>}).
   */
  private static Map<String, List<Long>> stageCounters(Set<ObjectName> groups) throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    Map<String, List<Long>> out = new TreeMap<>();
    for (ObjectName n : groups) {
      String group = n.getKeyProperty("type");
      String kind = group.substring(group.lastIndexOf('.') + 1);
      List<Long> previous =
          out.put(
              kind,
              List.of(
                  (Long) jmx.getAttribute(n, "RowsIn"),
                  (Long) jmx.getAttribute(n, "RowsEnriched")));
      assertThat(previous).as("one %s stage in %s", kind, groups).isNull();
    }
    return out;
  }

  private Map<String, String> variables(Path spoolDir) throws Exception {
    Map<String, String> v = tier.agentVariables(work, hdfs.uri() + "/staging");
    v.put("SPOOL_DIR", spoolDir.toString());
    v.put("MIN_FILE_AGE_MS", "0");
    return v;
  }

  static Properties filled(Path template, Map<String, String> v) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(PropertiesTemplate.fill(template, v)));
    return p;
  }

  /**
   * What decode makes of the capture, each row then run through an interceptor built from the
   * capture host's own interceptor settings (only its counter group renamed, to keep the agent's
   * counters apart), as records of the schema.
   */
  private static List<GenericRecord> decodedAndEnriched(
      Properties capture, String counterGroup, Path... files) throws Exception {
    return AgentEnrichment.enrich(
        capture,
        "a1.sources.pcap.interceptors.enrich.",
        counterGroup,
        DecodedRows.of("ns1", "ams", files).datums);
  }
}
