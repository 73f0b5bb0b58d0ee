package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.testing.Captures2;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * A real Flume agent from {@code conf/flume/pcap-to-hdfs.properties}: this source, a file channel
 * and the HDFS sink, writing into a MiniDFSCluster; with row blocks and {@code RowBlockSerializer}
 * as shipped, and with one-datum events and Flume's own {@code AvroEventSerializer}. Staged rows
 * are compared with decode's field by field.
 */
class AgentHdfsTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Path KNOT = Decoded.resource("generated__knot-example.ca-geo.pcap.gz");
  private static MiniHdfs hdfs;
  private static FileSystem fs;

  @TempDir static Path hdfsDir;
  @TempDir Path work;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = MiniHdfs.start(hdfsDir);
    fs = hdfs.fs();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  private Map<String, String> variables(Path spool, String staging) throws Exception {
    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spool.toString());
    v.put("MIN_FILE_AGE_MS", "0");
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    v.put("STAGING_URI", hdfs.uri() + staging);
    // Flume's AvroEventSerializer opens the schema URL on the default file system (file:/// here,
    // the cluster's HDFS on a real agent), so the test serves it from the local disk.
    Path schema =
        Files.writeString(work.resolve("dns_query.avsc"), org.pcap2hdfs.row.RowSchema.get().json());
    v.put("SCHEMA_URL", schema.toUri().toString());
    v.put("FILE_PREFIX", "agent1");
    v.put("IDLE_TIMEOUT_S", "1");
    return v;
  }

  /** What decode gives for a server's files, as records of the schema. */
  private static List<GenericRecord> decodeRows(String server, String location, Path... files)
      throws Exception {
    return DecodedRows.of(server, location, files).records();
  }

  /** Shipped: row blocks. Else one-datum events through Flume's own serializer. */
  private static Map<String, String> eventKind(boolean blocks) {
    Map<String, String> m = new HashMap<>();
    if (!blocks) {
      m.put("a1.sources.pcap.rowsPerEvent", "1");
      m.put("a1.sources.pcap.batchSize", "1000");
      m.put("a1.channels.fc.capacity", "1000000");
      m.put("a1.channels.fc.transactionCapacity", "10000");
      m.put("a1.sinks.hdfs.hdfs.batchSize", "10000");
      m.put("a1.sinks.hdfs.serializer", "org.apache.flume.sink.hdfs.AvroEventSerializer$Builder");
    }
    return m;
  }

  @ParameterizedTest(name = "row blocks: {0}")
  @ValueSource(booleans = {true, false})
  void stagedRowsAreWhatDecodeProduces(boolean blocks) throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    Path[] knot =
        Captures2.split(KNOT, Files.createDirectories(scratch.resolve("a")), "cap", 15_000, 15_000);
    Path[] dns =
        Captures2.split(
            Decoded.resource("dnscap__dns.pcap"),
            Files.createDirectories(scratch.resolve("b")),
            "cap",
            60);
    List<GenericRecord> expected = new ArrayList<>(decodeRows("ns1", "ams", knot));
    expected.addAll(decodeRows("ns2", "fra", dns));
    copy(knot, Files.createDirectories(spool.resolve("ns1_ams")));
    copy(dns, Files.createDirectories(spool.resolve("ns2_fra")));

    Map<String, String> overrides = eventKind(blocks);
    overrides.put("a1.sources.pcap.idleFlushMs", "500");
    String staging = "/staging-" + blocks;
    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-to-hdfs.properties"),
            "a1",
            variables(spool, staging),
            overrides,
            work)) {
      Waits.until(WAIT, "every row staged", () -> staged(staging).size() >= expected.size());
      PcapSpoolingSource source = agent.source("pcap");
      assertThat(source.counter().getFilesDone()).isEqualTo(5);
      assertThat(source.counter().getRowsAccepted()).isEqualTo(expected.size());
      if (blocks) {
        assertThat(source.counter().getEventAcceptedCount())
            .isBetween(expected.size() / 1000L, expected.size() / 1000L + 8);
      } else {
        assertThat(source.counter().getEventAcceptedCount()).isEqualTo(expected.size());
      }
    }
    List<Staged.Record> rows = staged(staging);
    assertThat(rows).hasSize(expected.size());
    Staged.assertSameRows(Staged.rows(rows), expected);
    Set<String> partitions =
        rows.stream().map(r -> r.partition).collect(Collectors.toCollection(TreeSet::new));
    assertThat(partitions)
        .allMatch(p -> p.matches("year=\\d{4}/month=[1-9]\\d?/day=[1-9]\\d?/server=ns[12]/?"));
    assertThat(partitions)
        .anyMatch(p -> p.contains("server=ns1"))
        .anyMatch(p -> p.contains("server=ns2"));
    for (Staged.Record r : rows) {
      String server = "ams".equals(r.get("server_location")) ? "ns1" : "ns2";
      assertThat(r.partition).as("a block never spans servers").contains("server=" + server);
    }
  }

  @Test
  void aRestartMidFileLosesNoRowAndRedeliversWithTheSameIds() throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path server = Files.createDirectories(spool.resolve("ns3_ams"));
    Path[] all = Captures2.split(KNOT, Files.createDirectories(work.resolve("scratch")), "cap");
    List<GenericRecord> expected = decodeRows("ns3", "ams", all);
    copy(all, server);
    Map<String, String> vars = variables(spool, "/staging-restart");

    // First run: the sink cannot write (its path lies under a regular file), the channel fills up
    // at 10 blocks (10,000 rows) and the source waits with the file half delivered. Then the agent
    // stops.
    Map<String, String> broken = new HashMap<>(vars);
    Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "x");
    broken.put("STAGING_URI", notADirectory.toUri() + "/nowhere");
    Map<String, String> small =
        Map.of(
            "a1.channels.fc.capacity", "10",
            "a1.channels.fc.transactionCapacity", "10",
            "a1.sources.pcap.batchSize", "5",
            "a1.sinks.hdfs.hdfs.batchSize", "10",
            "a1.sources.pcap.maxBackoff", "200",
            "a1.sources.pcap.idleFlushMs", "500");
    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-to-hdfs.properties"), "a1", broken, small, work)) {
      PcapSpoolingSource source = agent.source("pcap");
      Waits.until(WAIT, "a full channel", () -> source.counter().getChannelBackoffs() > 0);
      assertThat(source.counter().getFilesDone()).isZero();
      assertThat(source.counter().getEventAcceptedCount()).isBetween(1L, 10L);
      assertThat(source.counter().getRowsAccepted()).isBetween(1L, 10_000L);
    }
    assertThat(server.resolve("cap-01.pcap"))
        .as("not marked: not all of it was delivered")
        .exists();

    // Second run, sink working: the channel's 10 blocks drain and the file is read again.
    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-to-hdfs.properties"), "a1", vars, small, work)) {
      PcapSpoolingSource source = agent.source("pcap");
      Waits.until(WAIT, "the file done", () -> source.counter().getFilesDone() == 1);
      Waits.until(
          WAIT,
          "every row staged",
          () -> distinctIds(staged("/staging-restart")).size() >= expected.size());
      assertThat(source.counter().getFilesDone()).isEqualTo(1);
    }
    List<Staged.Record> rows = staged("/staging-restart");
    Map<String, GenericRecord> firstById = new HashMap<>();
    rows.forEach(r -> firstById.putIfAbsent(r.get("event_id"), r.row));
    Staged.assertSameRows(firstById.values(), expected);
    Map<String, List<Staged.Record>> byId =
        rows.stream().collect(Collectors.groupingBy(r -> r.get("event_id")));
    long duplicates = rows.size() - byId.size();
    assertThat(duplicates)
        .as("only rows committed before the stop come twice")
        .isBetween(1L, 10_000L);
    byId.values().stream()
        .filter(l -> l.size() > 1)
        .forEach(
            l ->
                assertThat(l.get(1).row.toString())
                    .as("a re-delivered row is the same row")
                    .isEqualTo(l.get(0).row.toString()));
  }

  /**
   * The shipped agent (row blocks) whose file channel refuses puts: every put for a while (the
   * source backs off and marks no file), then the first put of every second transaction (four
   * times), after some blocks of a file are in. Every row arrives once, each file is marked only
   * once the channel has committed every row decode had given by its end, and the source's backoffs
   * are the refusals.
   */
  @Test
  void aChannelThatRefusesPutsGetsEveryBlockOnceAndFilesAreMarkedAfterTheirBlocks()
      throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path server = Files.createDirectories(spool.resolve("ns4_ams"));
    Path[] parts =
        Captures2.split(
            KNOT, Files.createDirectories(work.resolve("scratch")), "cap", 15_000, 15_000);
    DecodedRows decoded = DecodedRows.of("ns4", "ams", parts);
    List<GenericRecord> expected = decoded.records();
    List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    RefusingChannel.reset();
    RefusingChannel.closed = true;
    RefusingChannel.refuseEveryNth = 2;
    RefusingChannel.maxScripted = 4;
    RefusingChannel.beforeCommit =
        committed -> {
          for (int k = 0; k < parts.length; k++) {
            Path marked = server.resolve(parts[k].getFileName() + ".COMPLETED");
            if (Files.exists(marked) && committed < decoded.byEndOfFile.get(k)) {
              violations.add(
                  marked.getFileName()
                      + " marked with "
                      + committed
                      + " rows committed, "
                      + decoded.byEndOfFile.get(k)
                      + " given by its end");
            }
          }
        };
    copy(parts, server);
    Map<String, String> overrides = new HashMap<>();
    overrides.put("a1.channels.fc.type", RefusingChannel.class.getName());
    overrides.put("a1.sources.pcap.batchSize", "2"); // blocks per transaction: many transactions
    overrides.put("a1.sources.pcap.maxBackoff", "200");
    overrides.put("a1.sources.pcap.idleFlushMs", "500");
    String staging = "/staging-refusing";
    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-to-hdfs.properties"),
            "a1",
            variables(spool, staging),
            overrides,
            work)) {
      PcapSpoolingSource source = agent.source("pcap");
      Waits.until(WAIT, "the source backing off", () -> source.counter().getChannelBackoffs() >= 3);
      assertThat(source.counter().getFilesDone()).isZero();
      assertThat(source.counter().getRowsAccepted()).isZero();
      assertThat(server.resolve("cap-01.pcap")).as("not marked while refused").exists();
      RefusingChannel.closed = false;
      Waits.until(WAIT, "every row staged", () -> staged(staging).size() >= expected.size());
      assertThat(violations).as("files marked before all their rows were committed").isEmpty();
      assertThat(source.counter().getFilesDone()).isEqualTo(parts.length);
      assertThat(source.counter().getRowsAccepted()).isEqualTo(expected.size());
      assertThat(RefusingChannel.committedRows.get()).isEqualTo(expected.size());
      assertThat(source.counter().getEventAcceptedCount())
          .isBetween(expected.size() / 1000L, expected.size() / 1000L + 8);
      assertThat(RefusingChannel.refusals.get())
          .as("refused while closed, and scripted ones after")
          .isGreaterThanOrEqualTo(3 + 4);
      assertThat(source.counter().getChannelBackoffs())
          .as("a backoff for each refusal")
          .isEqualTo(RefusingChannel.refusals.get());
      assertThat(source.counter().getChannelWriteFail()).isEqualTo(RefusingChannel.refusals.get());
    } finally {
      RefusingChannel.reset();
    }
    List<Staged.Record> rows = staged(staging);
    assertThat(rows).hasSize(expected.size());
    Staged.assertSameRows(Staged.rows(rows), expected);
    for (Path p : parts) {
      assertThat(server.resolve(p.getFileName() + ".COMPLETED")).exists();
    }
  }

  private static Set<String> distinctIds(List<Staged.Record> rows) {
    return rows.stream().map(r -> r.get("event_id")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Staged.Record> staged(String root) {
    try {
      return Staged.read(fs, new org.apache.hadoop.fs.Path(root));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path[] files, Path dir) throws Exception {
    for (Path f : files) {
      Files.copy(f, dir.resolve(f.getFileName()));
    }
  }
}
