package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.avro.generic.GenericRecord;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.testing.Captures2;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

class PcapSpoolingSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path KNOT = Decoded.resource("generated__knot-example.ca-geo.pcap.gz");

  @TempDir Path spool;
  @TempDir Path scratch;

  private static void copyAll(Path dir, Path... files) throws java.io.IOException {
    for (Path f : files) {
      Files.copy(f, dir.resolve(f.getFileName()));
    }
  }

  @Test
  void twoServersSeveralFilesEachArriveWhole() throws Exception {
    Path a = Files.createDirectories(spool.resolve("nsa_ams"));
    Path b = Files.createDirectories(spool.resolve("nsb_fra"));
    Path[] knotParts =
        Captures2.split(
            KNOT, Files.createDirectories(scratch.resolve("a")), "dump", 9_000, 17_000, 12_000);
    Path[] dnsParts =
        Captures2.split(
            Decoded.resource("dnscap__dns.pcap"),
            Files.createDirectories(scratch.resolve("b")),
            "dump",
            40,
            40);
    List<GenericRecord> expected =
        new ArrayList<>(DecodedRows.of("nsa", "ams", knotParts).records());
    expected.addAll(DecodedRows.of("nsb", "fra", dnsParts).records());
    long matchedA = Decoded.files(knotParts).counters.matched;
    copyAll(a, knotParts);
    copyAll(b, dnsParts);

    try (SourceHarness h = new SourceHarness(spool, 100_000, "idleFlushMs", "200").start()) {
      Waits.until(
          WAIT,
          "all rows",
          () -> h.delivered.size() >= expected.size() && h.source.counter().getFilesDone() == 7);
      List<GenericRecord> rows = h.rows();
      Staged.assertSameRows(rows, expected);
      // Queries in one file answered in the next are joined: as many matches as one straight
      // decode.
      assertThat(matchedA)
          .isEqualTo(
              rows.stream()
                  .filter(
                      r ->
                          r.get("server_location").toString().equals("ams")
                              && r.get("res_len") != null
                              && r.get("req_len") != null)
                  .count());
      Event first = h.delivered.get(0);
      assertThat(first.getHeaders())
          .containsKeys("timestamp", "server", "server_location", "flume.avro.schema.url");
      assertThat(h.source.counter().getFilesFailed()).isZero();
    }
    try (Stream<Path> done = Files.list(a)) {
      assertThat(done.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "dump-01.pcap.COMPLETED",
              "dump-02.pcap.COMPLETED",
              "dump-03.pcap.COMPLETED",
              "dump-04.pcap.COMPLETED");
    }
  }

  @Test
  void aChannelThatRefusesPutsForAWhileLosesNothing() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path[] parts = Captures2.split(KNOT, a, "dump", 20_000);
    List<GenericRecord> expected = DecodedRows.of("ns1", "ams", parts).records();
    try (SourceHarness h =
        new SourceHarness(spool, 1_000, "idleFlushMs", "200", "maxBackoff", "200")
            .startRefusing(3, WAIT)) {
      Waits.until(
          WAIT,
          "all rows",
          () -> h.source.counter().getFilesDone() == 2 && h.delivered.size() >= expected.size());
      Staged.assertSameRows(h.rows(), expected);
      assertThat(h.source.counter().getChannelWriteFail())
          .isEqualTo(h.source.counter().getChannelBackoffs());
    }
  }

  @Test
  void aBadFileAmongGoodOnesIsSetAsideAndTheSourceGoesOn() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Files.copy(Decoded.resource("tcpdump__dns_udp.pcap"), a.resolve("a-1.pcap"));
    Files.writeString(a.resolve("a-2.pcap"), "this is no capture\n");
    byte[] whole = Files.readAllBytes(Decoded.resource("dnscap__dns.pcap"));
    Files.write(a.resolve("a-3.pcap"), java.util.Arrays.copyOf(whole, whole.length / 2));
    Files.copy(Decoded.resource("tcpdump__dns-uri.pcap"), a.resolve("a-4.pcap"));
    try (SourceHarness h = new SourceHarness(spool, 100_000, "idleFlushMs", "100").start()) {
      Waits.until(
          WAIT,
          "four files handled",
          () -> h.source.counter().getFilesDone() + h.source.counter().getFilesFailed() == 4);
      Waits.until(
          WAIT,
          "the idle flush",
          () ->
              h.source.counter().getPendingQueries() == 0
                  && h.source.counter().getRows() == h.delivered.size());
      assertThat(h.source.counter().getFilesFailed()).isEqualTo(2);
      assertThat(h.source.counter().getCaptureFaults()).isEqualTo(1);
      List<GenericRecord> rows = h.rows();
      assertThat(rows.stream().map(r -> r.get("pcap_file").toString()).distinct().sorted())
          .containsExactly("a-1.pcap", "a-3.pcap", "a-4.pcap");
      assertThat(
              rows.stream().filter(r -> r.get("pcap_file").toString().equals("a-3.pcap")).count())
          .isBetween(15L, 25L);
    }
    try (Stream<Path> files = Files.list(a)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "a-1.pcap.COMPLETED", "a-2.pcap.FAILED", "a-3.pcap.FAILED", "a-4.pcap.COMPLETED");
    }
  }

  @Test
  void joinStateSurvivesARestartBetweenFiles() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path[] parts = Captures2.split(KNOT, scratch, "dump", 25_000);
    List<GenericRecord> expected = DecodedRows.of("ns1", "ams", parts).records();
    List<GenericRecord> got = new ArrayList<>();
    Files.copy(parts[0], a.resolve(parts[0].getFileName()));
    try (SourceHarness h = new SourceHarness(spool, 100_000).start()) {
      Waits.until(WAIT, "the first file", () -> h.source.counter().getFilesDone() == 1);
      h.stopSource();
      Waits.until(
          WAIT,
          "the channel drained",
          () -> h.delivered.size() == h.source.counter().getEventAcceptedCount());
      got.addAll(h.rows());
      assertThat(h.source.counter().getPendingQueries())
          .as("queries wait for the next file")
          .isPositive();
    }
    Files.copy(parts[1], a.resolve(parts[1].getFileName()));
    try (SourceHarness h = new SourceHarness(spool, 100_000, "idleFlushMs", "100").start()) {
      Waits.until(
          WAIT,
          "the second file and the idle flush",
          () ->
              h.source.counter().getFilesDone() == 1
                  && h.source.counter().getPendingQueries() == 0
                  && h.delivered.size() == h.source.counter().getRows());
      got.addAll(h.rows());
    }
    Staged.assertSameRows(got, expected);
  }

  @Test
  void aFileDeliveredAndCheckpointedButNotMarkedIsNotReadAgain() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path file = Files.copy(Decoded.resource("dnscap__dns.pcap"), a.resolve("d-1.pcap"));
    // The state a crash between checkpoint and rename leaves: checkpoint names the file.
    PcapSourceConfig config = new PcapSourceConfig(Map.of("spoolDir", spool.toString()));
    StreamDecoder d = new StreamDecoder(config.decoder, "ns1", "ams", r -> {});
    d.decode(file, "d-1.pcap");
    new StateStore(config.stateDir)
        .save(new StateStore.Owner("ns1_ams", "ns1", "ams"), "ns1_ams/d-1.pcap", d);
    try (SourceHarness h = new SourceHarness(spool, 100_000).start()) {
      Waits.until(WAIT, "the file marked", () -> h.source.counter().getFilesDone() == 1);
      assertThat(h.delivered).isEmpty();
    }
    assertThat(a.resolve("d-1.pcap.COMPLETED")).exists();
  }

  @Test
  void pendingQueriesOfAnIdleServerAreEmitted() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Files.copy(Decoded.resource("dnscap__dnsotcp-manyopkts.pcap"), a.resolve("q.pcap"));
    try (SourceHarness h = new SourceHarness(spool, 100_000, "idleFlushMs", "300").start()) {
      Waits.until(WAIT, "three unanswered rows", () -> h.delivered.size() == 3);
      assertThat(h.rows()).allSatisfy(r -> assertThat(r.get("rcode")).isEqualTo(-1));
    }
  }

  @Test
  void aFileThatChangesWhileReadIsSetAside() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path file = Files.copy(Decoded.resource("dnscap__dns.pcap"), a.resolve("growing.pcap"));
    TouchingInterceptor.target = file;
    try (SourceHarness h =
        new SourceHarness(
                spool,
                100_000,
                "interceptors",
                "touch",
                "interceptors.touch.type",
                TouchingInterceptor.Builder.class.getName())
            .start()) {
      Waits.until(WAIT, "the file set aside", () -> h.source.counter().getFilesFailed() == 1);
      assertThat(h.delivered).isNotEmpty();
    }
    assertThat(a.resolve("growing.pcap.FAILED")).exists();
  }

  @Test
  void countersAreVisibleInJmx() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Files.copy(Decoded.resource("dnscap__dns.pcap"), a.resolve("d.pcap"));
    try (SourceHarness h = new SourceHarness(spool, 100_000).start()) {
      Waits.until(WAIT, "41 rows", () -> h.delivered.size() == 41);
      Waits.until(WAIT, "the file done", () -> h.source.counter().getFilesDone() == 1);
      ObjectName name = new ObjectName("org.apache.flume.source:type=pcap");
      Object rows = ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Rows");
      Object matched = ManagementFactory.getPlatformMBeanServer().getAttribute(name, "RowsMatched");
      assertThat(rows).isEqualTo(41L);
      assertThat(matched).isEqualTo(41L);
      assertThat(
              ManagementFactory.getPlatformMBeanServer().getAttribute(name, "EventAcceptedCount"))
          .isEqualTo(41L);
    }
  }

  @Test
  void queriesLeftPendingByTheLastRunAreEmittedEvenWithoutNewFiles() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path[] parts = Captures2.split(KNOT, scratch, "dump", 25_000);
    Files.copy(parts[0], a.resolve(parts[0].getFileName()));
    long pending;
    try (SourceHarness h = new SourceHarness(spool, 100_000).start()) {
      Waits.until(WAIT, "the file", () -> h.source.counter().getFilesDone() == 1);
      h.stopSource();
      pending = h.source.counter().getPendingQueries();
    }
    assertThat(pending).isPositive();
    try (SourceHarness h = new SourceHarness(spool, 100_000, "idleFlushMs", "100").start()) {
      Waits.until(WAIT, "the restored stream's idle flush", () -> h.delivered.size() == pending);
      assertThat(h.rows()).allSatisfy(r -> assertThat(r.get("rcode")).isEqualTo(-1));
      assertThat(h.source.counter().getPendingQueries()).isZero();
    }
  }
}
