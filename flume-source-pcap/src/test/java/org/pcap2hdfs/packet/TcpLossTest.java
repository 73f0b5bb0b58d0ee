package org.pcap2hdfs.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.xbill.DNS.Message;

/**
 * Real TCP captures with segments cut out (see fixtures in SOURCES.md), through the whole decode
 * path: every row (qname, id, rcode, matched or not, query and response capture times) and the loss
 * counters. The times are those of the frames tshark shows for the same messages.
 */
class TcpLossTest {
  private static final String GOOGLE = "google.com";
  private static final String PTR = "206.218.58.216.in-addr.arpa";

  /** One row as "qname id rcode kind query-time response-time" (times in µs, or -). */
  private static List<String> rows(DecodedRows d) throws Exception {
    List<String> out = new ArrayList<>();
    for (GenericRecord r : d.records()) {
      boolean query = r.get("req_len") != null;
      boolean response = r.get("res_len") != null;
      String kind = query && response ? "matched" : query ? "unanswered" : "unsolicited";
      out.add(
          r.get("qname")
              + " "
              + String.format("0x%04x", (Integer) r.get("id"))
              + " "
              + r.get("rcode")
              + " "
              + kind
              + " "
              + (query ? r.get("time_us") : "-")
              + " "
              + (response ? r.get("res_time_us") : "-"));
    }
    return out;
  }

  private static DecodedRows decode(String fixture) throws Exception {
    return DecodedRows.of("ns1", "test", Decoded.resource("fixtures/" + fixture));
  }

  private static void assertLoss(DecodeCounters c, int gaps, int skipped, int dropped) {
    assertThat(c.tcpGaps).as("tcp_gaps").isEqualTo(gaps);
    assertThat(c.tcpBytesSkipped).as("tcp_bytes_skipped").isEqualTo(skipped);
    assertThat(c.tcpBytesDropped).as("tcp bytes dropped").isEqualTo(dropped);
  }

  /** Rows of dnscap's connection whose first 7 questions are kept, whatever is lost. */
  private static final String E7AF = GOOGLE + " 0xe7af 0 matched 1515583361552406 1515583361555912";

  private static final String X8B51 = PTR + " 0x8b51 0 matched 1515583361600183 1515583361616460";
  private static final String X59C6 =
      GOOGLE + " 0x59c6 0 matched 1515583361706183 1515583361709680";
  private static final String X491E = PTR + " 0x491e 0 matched 1515583361754101 1515583361757876";
  private static final String X5803 =
      GOOGLE + " 0x5803 0 matched 1515583361804255 1515583361809483";
  private static final String X14D9_ANSWER_ONLY =
      GOOGLE + " 0x14d9 0 unsolicited - 1515583361663576";

  @Test
  void aLostClientSegmentLosesItsQueryOnlyWhenTheServerAcknowledgedIt() throws Exception {
    // The body of query 0x14d9 is missing; the server's ACK (and answer) show it was sent. The
    // 2-byte length before it is dropped, and the stream resumes at the next length + query.
    DecodedRows d = decode("tcp-loss-client-segment.pcap");
    assertThat(rows(d)).containsExactly(E7AF, X8B51, X14D9_ANSWER_ONLY, X59C6, X491E, X5803);
    assertLoss(d.counters, 1, 28, 2);
  }

  @Test
  void aLostLengthPrefixMakesTheRestOfItsMessageUnplausibleAndTheStreamResumesAfterIt()
      throws Exception {
    // Only the 2-byte length of query 0x14d9 is missing: its body, next in the stream, does not
    // start a message (tshark reads its id as a length and loses the next three queries).
    DecodedRows d = decode("tcp-loss-client-prefix.pcap");
    assertThat(rows(d)).containsExactly(E7AF, X8B51, X14D9_ANSWER_ONLY, X59C6, X491E, X5803);
    assertLoss(d.counters, 1, 2, 28);
  }

  @Test
  void aLostServerSegmentLeavesItsQueryUnansweredAndTheNextAnswersOnTime() throws Exception {
    DecodedRows d = decode("tcp-loss-server-segment.pcap");
    assertThat(rows(d))
        .containsExactly(
            E7AF, X8B51, X59C6, X491E, X5803, GOOGLE + " 0x14d9 -1 unanswered 1515583361659921 -");
    assertLoss(d.counters, 1, 46, 0);
    assertThat(d.counters.unsolicited).isZero();
  }

  @Test
  void anAcknowledgementOfDataNeverSeenIsCountedAsAGap() throws Exception {
    // tcpdump's dns_tcp without its one answer: the client ACKs 226 bytes we never saw.
    DecodedRows d = decode("tcp-loss-acked-unseen.pcap");
    assertThat(rows(d)).containsExactly("www.tcpdump.org 0x4319 -1 unanswered 1591780863847323 -");
    assertLoss(d.counters, 1, 226, 0);
  }

  @Test
  void aCaptureStartingInTheMiddleOfAClientMessageResumesAtTheNextOne() throws Exception {
    // The capture starts with the body of query 0x14d9 (its length was sent before): dropped,
    // not read as a length of 0x14d9 bytes that would swallow the next queries.
    DecodedRows d = decode("tcp-loss-midstream-client.pcap");
    assertThat(rows(d)).containsExactly(X14D9_ANSWER_ONLY, X59C6, X491E, X5803);
    assertLoss(d.counters, 0, 0, 28);
  }

  /** Suricata's 20 pipelined queries: all sent at once, answered one per segment. */
  private static List<String> pipelinedRows(boolean answersLost) {
    long[] answered = {
      1477425059114660L,
      0,
      1477425059247639L,
      1477425059313317L,
      1477425059370691L,
      1477425059436617L,
      1477425059502181L,
      1477425059559943L,
      1477425059619329L,
      1477425059677804L,
      1477425059743844L,
      1477425059802346L,
      1477425059877960L,
      1477425059936116L,
      1477425059994334L,
      1477425060060965L,
      1477425060118892L,
      1477425060184400L,
      1477425060242469L,
      1477425060308378L
    };
    List<String> out = new ArrayList<>();
    List<String> late = new ArrayList<>();
    for (int i = 0; i < answered.length; i++) {
      String q = i + ".google.com " + String.format("0x%04x", i) + " ";
      if (i == 1 || (answersLost && i > 1)) {
        out.add(q + "-1 unanswered 1477425058996642 -");
        if (i > 1) {
          late.add(q + "3 unsolicited - " + answered[i]);
        }
      } else {
        out.add(q + "3 matched 1477425058996642 " + answered[i]);
      }
    }
    // The join emits matched rows at their answer, unanswered ones when they expire.
    List<String> ordered = new ArrayList<>();
    out.stream().filter(r -> r.contains("matched")).forEach(ordered::add);
    out.stream().filter(r -> r.contains("unanswered")).forEach(ordered::add);
    ordered.addAll(late);
    return ordered;
  }

  @Test
  void answersAfterAHoleNobodyAcknowledgedKeepTheirOwnTimes() throws Exception {
    // The answer to 1.google.com is lost and the client's ACKs were not captured: the answers
    // after the hole wait until the server's FIN, and keep their own capture times.
    DecodedRows d = decode("tcp-loss-unacked.pcap");
    assertThat(rows(d)).containsExactlyElementsOf(pipelinedRows(false));
    assertLoss(d.counters, 1, 82, 0);
  }

  /** A UDP query and its answer at {@code micros}, as a capture file. */
  private static Path laterUdpTraffic(Path dir, long micros) throws Exception {
    Message q = Dns.query(7, "later.example.ca", 1);
    return new PcapFile(LinkTypes.ETHERNET)
        .add(
            micros,
            Packets.ethernet(
                Packets.ipv4("198.51.100.7", "192.0.2.53", 17, Packets.udp(5353, 53, q.toWire()))))
        .add(
            micros + 300,
            Packets.ethernet(
                Packets.ipv4(
                    "192.0.2.53",
                    "198.51.100.7",
                    17,
                    Packets.udp(53, 5353, Dns.response(q, 0).toWire()))))
        .write(dir.resolve("later.pcap"));
  }

  private static DecodedRows withGapTimeout(long millis, Path... files) throws Exception {
    DecoderConfig config =
        new DecoderConfig(
            new DnsPorts(DecoderConfig.DEFAULT_DNS_PORTS),
            JoinConfig.defaults(),
            ReassemblyLimits.withTcpGapTimeoutMillis(millis));
    return DecodedRows.of(config, "ns1", "test", files);
  }

  @Test
  void aHoleIsGivenUpAfterTheGapTimeoutSoThatTheAnswersBehindItMeetTheirQueries(@TempDir Path dir)
      throws Exception {
    // As above but the connection stays open; capture time then moves on 10 s (other traffic).
    Path open = Decoded.resource("fixtures/tcp-loss-unacked-open.pcap");
    Path later = laterUdpTraffic(dir, 1477425070_000_000L);
    String udp = "later.example.ca 0x0007 0 matched 1477425070000000 1477425070000300";

    // Default 3 s: the hole is given up at the first frame past 3 s after the first answer behind
    // it, before the join's 5 s expire the queries.
    DecodedRows d = withGapTimeout(3000, open, later);
    List<String> expected = new ArrayList<>(pipelinedRows(false));
    expected.add(udp);
    assertThat(rows(d)).containsExactlyElementsOf(expected);
    assertLoss(d.counters, 1, 82, 0);

    // 60 s: the answers are framed only at the end of the stream, after their queries expired.
    DecodedRows late = withGapTimeout(60_000, open, later);
    List<String> lateRows = new ArrayList<>(pipelinedRows(true));
    lateRows.add(20, udp); // after the 0.google.com match and the 19 expired queries
    assertThat(rows(late)).containsExactlyElementsOf(lateRows);
    assertThat(late.counters.tcpGaps).isEqualTo(1);
  }
}
