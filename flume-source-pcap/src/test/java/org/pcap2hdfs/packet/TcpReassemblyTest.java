package org.pcap2hdfs.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcap2hdfs.testing.Packets.ACK;
import static org.pcap2hdfs.testing.Packets.FIN;
import static org.pcap2hdfs.testing.Packets.PSH;
import static org.pcap2hdfs.testing.Packets.RST;
import static org.pcap2hdfs.testing.Packets.SYN;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.xbill.DNS.Message;

/** DNS over TCP: framing by the 2-byte length, whatever the segmentation. */
class TcpReassemblyTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final String CLIENT = "198.51.100.20";
  private static final String SERVER = "192.0.2.53";
  private static final int PORT = 40123;
  private static final long CISN = 1000;
  private static final long SISN = 5000;

  private final Message q1 = Dns.query(1, "a.example.ca", 1);
  private final Message q2 = Dns.query(2, "b.example.ca", 28);
  private final Message q3 = Dns.query(3, "c.example.ca", 15);
  private final byte[] stream = Packets.lengthPrefixed(q1.toWire(), q2.toWire(), q3.toWire());
  private final byte[] answers =
      Packets.lengthPrefixed(
          Dns.response(q1, 0).toWire(), Dns.response(q2, 3).toWire(), Dns.response(q3, 0).toWire());

  private PcapFile pcap;
  private long t;

  private void handshake() {
    toServer(CISN, SYN, new byte[0]);
    toClient(SISN, SYN | ACK, new byte[0]);
    t += 2500; // the client's ACK 2.5 ms after the server's SYN-ACK
    toServer(CISN + 1, ACK, new byte[0]);
  }

  private void toServer(long seq, int flags, byte[] data) {
    pcap.add(
        T0 + t++,
        Packets.ethernet(Packets.ipv4(CLIENT, SERVER, 6, Packets.tcp(PORT, 53, seq, flags, data))));
  }

  private void toClient(long seq, int flags, byte[] data) {
    pcap.add(
        T0 + t++,
        Packets.ethernet(Packets.ipv4(SERVER, CLIENT, 6, Packets.tcp(53, PORT, seq, flags, data))));
  }

  private void answerAll() {
    toClient(SISN + 1, PSH | ACK, answers);
  }

  private Decoded decode() throws Exception {
    return Decoded.bytes("tcp.pcap", pcap.bytes());
  }

  private static List<String> joined(Decoded d) {
    return d.rows.stream()
        .map(r -> r.get("qname") + "/" + r.get("rcode"))
        .sorted()
        .collect(Collectors.toList());
  }

  private static final List<String> ALL_ANSWERED =
      List.of("a.example.ca/0", "b.example.ca/3", "c.example.ca/0");

  @Test
  void severalMessagesInOneSegment() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    toServer(CISN + 1, PSH | ACK, stream);
    answerAll();
    Decoded d = decode();
    assertThat(joined(d)).isEqualTo(ALL_ANSWERED);
    assertThat(d.counters.tcpMessages).isEqualTo(6);
    Map<String, Object> row = d.rows.get(0);
    assertThat(row).containsEntry("prot", 6).containsEntry("tcp_hs_rtt", 2);
  }

  @Test
  void oneMessageSplitOverSeveralSegments() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    int[] cuts = {0, 1, 7, 30, stream.length};
    for (int i = 0; i + 1 < cuts.length; i++) {
      toServer(CISN + 1 + cuts[i], PSH | ACK, Arrays.copyOfRange(stream, cuts[i], cuts[i + 1]));
    }
    answerAll();
    assertThat(joined(decode())).isEqualTo(ALL_ANSWERED);
  }

  @Test
  void outOfOrderAndRetransmittedSegments() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    int half = 20;
    toServer(CISN + 1 + half, PSH | ACK, Arrays.copyOfRange(stream, half, stream.length));
    toServer(CISN + 1, PSH | ACK, Arrays.copyOfRange(stream, 0, half));
    toServer(CISN + 1, PSH | ACK, Arrays.copyOfRange(stream, 0, half + 10)); // retransmission
    toServer(CISN + 1 + half, PSH | ACK, Arrays.copyOfRange(stream, half, stream.length));
    answerAll();
    Decoded d = decode();
    assertThat(joined(d)).isEqualTo(ALL_ANSWERED);
    assertThat(d.counters.tcpRetransmittedSegments).isEqualTo(2);
    assertThat(d.counters.queries).isEqualTo(3);
  }

  @Test
  void captureStartingMidStream() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    // No handshake, and the first segment we see is the tail of a message: it is dropped.
    byte[] firstTail =
        Arrays.copyOfRange(Packets.lengthPrefixed(q1.toWire()), 5, q1.toWire().length + 2);
    toServer(CISN - 100, PSH | ACK, firstTail);
    toServer(
        CISN - 100 + firstTail.length, PSH | ACK, Packets.lengthPrefixed(q2.toWire(), q3.toWire()));
    toClient(
        SISN,
        PSH | ACK,
        Packets.lengthPrefixed(Dns.response(q2, 3).toWire(), Dns.response(q3, 0).toWire()));
    Decoded d = decode();
    assertThat(joined(d)).containsExactly("b.example.ca/3", "c.example.ca/0");
    assertThat(d.counters.tcpBytesDropped).isEqualTo(firstTail.length);
    assertThat(d.rows.get(0).get("tcp_hs_rtt")).isNull();
  }

  @Test
  void aGapDropsTheBrokenMessageAndResumesAtTheNextBoundary() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    byte[] m1 = Packets.lengthPrefixed(q1.toWire());
    byte[] rest = Packets.lengthPrefixed(q2.toWire(), q3.toWire());
    toServer(CISN + 1, PSH | ACK, Arrays.copyOf(m1, 10)); // first part of q1
    // bytes 10..m1.length of q1 are never captured
    toServer(CISN + 1 + m1.length, PSH | ACK, rest);
    toServer(CISN + 1 + m1.length + rest.length, FIN | ACK, new byte[0]);
    answerAll();
    Decoded d = decode();
    assertThat(d.counters.tcpGaps).isEqualTo(1);
    assertThat(d.counters.tcpBytesDropped).isEqualTo(10);
    // q1 was lost; its response is unsolicited. q2 and q3 are framed again after the gap.
    assertThat(joined(d)).containsExactly("a.example.ca/0", "b.example.ca/3", "c.example.ca/0");
    assertThat(d.counters.unsolicited).isEqualTo(1);
    assertThat(d.counters.matched).isEqualTo(2);
  }

  @Test
  void aShortTailAfterAGapIsDroppedAndTheNextSegmentStartsAMessage() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    byte[] m1 = Packets.lengthPrefixed(q1.toWire());
    byte[] rest = Packets.lengthPrefixed(q2.toWire(), q3.toWire());
    toServer(CISN + 1, PSH | ACK, Arrays.copyOf(m1, 10));
    // bytes 10..m1.length - 3 of q1 are never captured; its last 3 bytes come alone
    int tail = m1.length - 3;
    toServer(CISN + 1 + tail, PSH | ACK, Arrays.copyOfRange(m1, tail, m1.length));
    toServer(CISN + 1 + m1.length, PSH | ACK, rest);
    toServer(CISN + 1 + m1.length + rest.length, FIN | ACK, new byte[0]);
    answerAll();
    Decoded d = decode();
    assertThat(d.counters.tcpGaps).isEqualTo(1);
    assertThat(d.counters.tcpBytesSkipped).isEqualTo(tail - 10);
    assertThat(d.counters.tcpBytesDropped).isEqualTo(10 + 3);
    assertThat(d.counters.matched).isEqualTo(2);
    assertThat(d.counters.unsolicited).isEqualTo(1);
  }

  @Test
  void zoneTransferInSeveralMessagesIsOneRow() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    Message axfr = Dns.query(77, "example.ca", 252);
    toServer(CISN + 1, PSH | ACK, Packets.lengthPrefixed(axfr.toWire()));
    byte[] first = Dns.response(axfr, 0).toWire();
    byte[] more = Dns.responseWithoutQuestion(77, 0, false).toWire();
    byte[] all = Packets.lengthPrefixed(first, more, more);
    toClient(SISN + 1, PSH | ACK, Arrays.copyOf(all, 40));
    toClient(SISN + 1 + 40, PSH | ACK, Arrays.copyOfRange(all, 40, all.length));
    Decoded d = decode();
    assertThat(d.only()).containsEntry("qtype", 252).containsEntry("res_messages", 3);
    assertThat(d.counters.xfrExtraMessages).isEqualTo(2);
    assertThat(d.counters.unsolicited).isZero();
  }

  @Test
  void aConnectionResetMidMessageLeavesNothingToTheNextOnTheSamePorts() throws Exception {
    pcap = new PcapFile(LinkTypes.ETHERNET);
    handshake();
    byte[] m1 = Packets.lengthPrefixed(q1.toWire());
    toServer(CISN + 1, PSH | ACK, Arrays.copyOf(m1, 10)); // q1 cut short
    byte[] early = Arrays.copyOfRange(stream, m1.length + 4, stream.length);
    toServer(CISN + 1 + m1.length + 4, PSH | ACK, early); // waits for bytes that never come
    toServer(CISN + 1 + 10, RST | ACK, new byte[0]);
    // The same ports again, seen mid-stream (no handshake), far from the old sequence numbers:
    // the reused connection state must start from nothing.
    toServer(CISN + 90_000, PSH | ACK, stream);
    toClient(SISN + 90_000, PSH | ACK, answers);
    Decoded d = decode();
    assertThat(joined(d)).isEqualTo(ALL_ANSWERED);
    assertThat(d.counters.tcpBytesDropped).isEqualTo(10 + early.length);
    assertThat(d.counters.unsolicited).isZero();
  }
}
