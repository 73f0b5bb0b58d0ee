package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.testing.Waits;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

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

  /** qname, qtype, transport, expected rcode. */
  private static final Object[][] QUERIES = {
    {"www.example.test.", Type.A, "udp", Rcode.NOERROR},
    {"mail.example.test.", Type.AAAA, "udp", Rcode.NOERROR},
    {"txt.example.test.", Type.TXT, "udp", Rcode.NOERROR},
    {"nope.example.test.", Type.A, "udp", Rcode.NXDOMAIN},
    {"www.example.test.", Type.AAAA, "udp", Rcode.NOERROR},
    {"www.example.test.", Type.A, "tcp", Rcode.NOERROR},
    {"gone.example.test.", Type.A, "tcp", Rcode.NXDOMAIN},
    {"example.test.", Type.SOA, "tcp", Rcode.NOERROR},
  };

  @ParameterizedTest
  @ValueSource(strings = {"lo", "any"})
  void capturesQueriesAndResponsesFromARealServer(String iface) throws Exception {
    Path nsdDir = Files.createDirectory(dir.resolve("nsd"));
    try (NsdServer nsd = NsdServer.start(nsdDir)) {
      SimpleResolver udp = resolver(nsd.port, false);
      Waits.until(WAIT, "NSD to answer (" + nsdDir + ")", () -> answers(udp));
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
        SimpleResolver tcp = resolver(nsd.port, true);
        for (Object[] q : QUERIES) {
          Message m =
              Message.newQuery(
                  Record.newRecord(Name.fromString((String) q[0]), (Integer) q[1], DClass.IN));
          Message r = ("tcp".equals(q[2]) ? tcp : udp).send(m);
          assertThat(r.getRcode()).as("NSD's answer to " + q[0]).isEqualTo(q[3]);
        }
        Waits.until(
            WAIT,
            "every query joined with its response",
            () -> h.source.counter().getRowsMatched() == QUERIES.length);
        Thread.sleep(500); // the capture idle: the stop must wake the blocked read
      } finally {
        long before = System.nanoTime();
        rows = h.stopAndTakeRows();
        stopMillis = (System.nanoTime() - before) / 1_000_000;
      }
      assertThat(stopMillis).as("stop (ms) on an idle interface").isLessThan(3000);
      List<String> expected = new ArrayList<>();
      for (Object[] q : QUERIES) {
        String name = ((String) q[0]).replaceAll("\\.$", "");
        expected.add(name + " " + q[1] + " " + ("tcp".equals(q[2]) ? 6 : 17) + " " + q[3]);
      }
      assertThat(
              rows.stream()
                  .map(
                      r ->
                          r.get("qname")
                              + " "
                              + r.get("qtype")
                              + " "
                              + r.get("prot")
                              + " "
                              + r.get("rcode"))
                  .collect(Collectors.toList()))
          .containsExactlyElementsOf(expected);
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

  private static SimpleResolver resolver(int port, boolean tcp) throws Exception {
    SimpleResolver r = new SimpleResolver("127.0.0.1");
    r.setPort(port);
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  private static boolean answers(SimpleResolver r) {
    try {
      Message m =
          Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.SOA, DClass.IN));
      return r.send(m).getRcode() == Rcode.NOERROR;
    } catch (Exception e) {
      return false;
    }
  }
}
