package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.testing.Waits;

/**
 * Real traffic on the loopback interface: NSD answers a fixed list of queries over UDP and TCP
 * while the live source captures them through libpcap. Needs root (or CAP_NET_RAW) and NSD; it is
 * skipped without them, except under CI=true, where it fails.
 */
class LoopbackCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @BeforeAll
  static void needsRootAndNsd() {
    CaptureHost.require(NsdServer.installed() ? null : NsdServer.BINARY + " missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lo", "any"})
  void capturesQueriesAndResponsesFromARealServer(String iface) throws Exception {
    Path nsdDir = Files.createDirectory(dir.resolve("nsd"));
    try (NsdServer nsd = NsdServer.start(nsdDir)) {
      Waits.until(WAIT, "NSD to answer (" + nsdDir + ")", () -> LoopbackQueries.answers(nsd.port));
      LiveHarness h =
          new LiveHarness(
                  Files.createDirectory(dir.resolve("schema")),
                  "interface",
                  iface,
                  "filter",
                  "port " + nsd.port,
                  "dnsPorts",
                  Integer.toString(nsd.port),
                  "batchSize",
                  "1")
              .start(null);
      List<GenericRecord> rows;
      long stopMillis;
      try {
        Waits.until(WAIT, "the capture to open", () -> h.source.counter().getCaptureOpens() == 1);
        LoopbackQueries.sendAll(nsd.port);
        Waits.until(
            WAIT,
            "every query joined with its response",
            () -> h.source.counter().getRowsMatched() == LoopbackQueries.QUERIES.length);
        Thread.sleep(500); // the capture idle: the stop must wake the blocked read
      } finally {
        long before = System.nanoTime();
        rows = h.stopAndTakeRows();
        stopMillis = (System.nanoTime() - before) / 1_000_000;
      }
      assertThat(stopMillis).as("stop (ms) on an idle interface").isLessThan(3000);
      assertThat(rows.stream().map(LoopbackQueries::describe).collect(Collectors.toList()))
          .containsExactlyElementsOf(LoopbackQueries.expected());
      for (GenericRecord r : rows) {
        assertThat(r.get("dst").toString()).isEqualTo("127.0.0.1");
        assertThat(r.get("dstp")).isEqualTo(nsd.port);
        assertThat(r.get("server_location").toString()).isEqualTo("lab");
        assertThat(r.get("pcap_file").toString()).startsWith("live_" + iface + "_");
        assertThat((Integer) r.get("res_len")).isPositive();
        assertThat((Long) r.get("proc_time_us")).isNotNegative();
      }
      LiveSourceCounter c = h.source.counter();
      assertThat(c.getRowsUnanswered()).isZero();
      assertThat(c.getRowsUnsolicited()).isZero();
      assertThat(c.getKernelDropped()).isZero();
      assertThat(c.getQueueDropped()).isZero();
      assertThat(nsd.alive()).as(nsd.output()).isTrue();
    }
  }
}
