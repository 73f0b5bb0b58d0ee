package org.pcap2hdfs.cli.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Tiny captures built with the builder API, one per scenario, decoded by the real pipeline. */
class ScenarioFixturesTest {
  private static final long T0 = 1_767_225_600_000_000L;
  private static final Endpoint CLIENT = Endpoint.of("192.0.2.10", 40000);
  private static final Endpoint SERVER = Endpoint.of("198.51.100.53", 53);
  private static final Endpoint CLIENT6 = Endpoint.of("2001:db8::10", 40001);
  private static final Endpoint SERVER6 = Endpoint.of("2001:db8:53::53", 53);

  private final PacketBuilder packets = new PacketBuilder();

  @Test
  void formErrorWithoutQuestionMatchesItsQueryOnAddressPortAndId() throws Exception {
    byte[] query = query(0x1234, "www.example.com.", Type.A).toWire();
    Message formErr = new Message(0x1234);
    formErr.getHeader().setFlag(Flags.QR);
    formErr.getHeader().setRcode(Rcode.FORMERR);
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter(capture)) {
      packets.udp(w, T0, CLIENT, SERVER, query, 0, query.length);
      byte[] r = formErr.toWire();
      packets.udp(w, T0 + 300, SERVER, CLIENT, r, 0, r.length);
    }

    DecodedCapture d = DecodedCapture.of(capture);

    assertThat(d.counters.matched).isEqualTo(1);
    assertThat(d.counters.unanswered).isZero();
    assertThat(d.counters.unsolicited).isZero();
    Map<String, Object> row = d.rows.get(0);
    assertThat(d.rows).hasSize(1);
    assertThat(row).containsEntry("qname", "www.example.com").containsEntry("qtype", 1);
    assertThat(row).containsEntry("rcode", 1).containsEntry("qdcount", 0);
    assertThat(row).containsEntry("proc_time_us", 300L);
  }

  @Test
  void rateLimitSlipIsATruncatedEmptyAnswerMatchedToItsQuery() throws Exception {
    Message q = query(0x0a0b, "Shop.Example.COM.", Type.AAAA);
    Message slip = q.clone();
    slip.getHeader().setFlag(Flags.QR);
    slip.getHeader().setFlag(Flags.TC);
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter(capture)) {
      byte[] b = q.toWire();
      packets.udp(w, T0, CLIENT6, SERVER6, b, 0, b.length);
      byte[] r = slip.toWire();
      packets.udp(w, T0 + 150, SERVER6, CLIENT6, r, 0, r.length);
    }

    DecodedCapture d = DecodedCapture.of(capture);

    assertThat(d.rows).hasSize(1);
    assertThat(d.rows.get(0))
        .containsEntry("qname", "shop.example.com")
        .containsEntry("tc", true)
        .containsEntry("ancount", 0)
        .containsEntry("ipv", 6);
  }

  @Test
  void tcpResponseSplitRightAfterItsLengthPrefixIsReassembled() throws Exception {
    byte[] query = query(7, "example.com.", Type.TXT).toWire();
    byte[] response = answer(7, "example.com.", 900);
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter(capture)) {
      TcpConversation tcp = new TcpConversation(packets, CLIENT, SERVER, 1000, 5000);
      tcp.handshake(w, T0, 30, 2000);
      tcp.message(w, T0 + 2010, true, query, 0, query.length, 0);
      tcp.message(w, T0 + 2500, false, response, 0, response.length, 40, 2);
      tcp.close(w, T0 + 5000, true, 30, 2000);
      assertThat(tcp.frames()).isEqualTo(3 + 1 + 2 + 3);
    }

    DecodedCapture d = DecodedCapture.of(capture);

    assertThat(d.counters.tcpMessages).isEqualTo(2);
    assertThat(d.counters.matched).isEqualTo(1);
    assertThat(d.counters.tcpBytesDropped).isZero();
    assertThat(d.rows.get(0))
        .containsEntry("prot", 6)
        .containsEntry("res_len", response.length)
        .containsEntry("tcp_hs_rtt", 1); // SYN-ACK at +30 µs, ACK at +2000 µs
  }

  @Test
  void ipv6ResponseLargerThanTheMtuIsSentInFragmentsAndReassembled() throws Exception {
    byte[] query = query(99, "example.com.", Type.TXT).toWire();
    byte[] response = answer(99, "example.com.", 3000);
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    int frames;
    try (CaptureWriter w = new CaptureWriter(capture)) {
      packets.udp(w, T0, CLIENT6, SERVER6, query, 0, query.length);
      frames = packets.udp(w, T0 + 800, SERVER6, CLIENT6, response, 0, response.length);
    }

    DecodedCapture d = DecodedCapture.of(capture);

    assertThat(frames).isEqualTo(3); // 8 + ~3000 bytes in 1448-byte fragments
    assertThat(packets.fragmentedDatagrams()).isEqualTo(1);
    assertThat(d.counters.fragmentsReassembled).isEqualTo(1);
    assertThat(d.rows.get(0))
        .containsEntry("resp_frag", 3)
        .containsEntry("res_len", response.length)
        .containsEntry("rcode", 0);
  }

  private static Message query(int id, String name, int type) throws Exception {
    Message m = new Message(id);
    m.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
    return m;
  }

  /** A TXT answer of about {@code size} bytes. */
  private static byte[] answer(int id, String name, int size) throws Exception {
    Message m = query(id, name, Type.TXT);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    Name owner = Name.fromString(name);
    for (int left = size - 40; left > 0; left -= 212) {
      m.addRecord(new TXTRecord(owner, DClass.IN, 300, "x".repeat(200)), Section.ANSWER);
    }
    return m.toWire();
  }
}
