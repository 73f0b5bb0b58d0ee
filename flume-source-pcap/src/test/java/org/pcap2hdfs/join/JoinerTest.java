package org.pcap2hdfs.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.packet.ReassemblyLimits;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Fixtures;
import org.pcap2hdfs.testing.PcapFile;
import org.xbill.DNS.Message;

class JoinerTest {
  private static final long T0 = Fixtures.T0;
  private static final String CLIENT = "198.51.100.7";
  private static final String SERVER = "192.0.2.53";

  private final PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);

  @org.junit.jupiter.api.io.TempDir Path dir;

  private void query(long t, int port, Message q) {
    pcap.add(T0 + t, udp(CLIENT, port, SERVER, 53, q.toWire()));
  }

  private void response(long t, int port, Message r) {
    pcap.add(T0 + t, udp(SERVER, 53, CLIENT, port, r.toWire()));
  }

  private static byte[] udp(String src, int sport, String dst, int dport, byte[] dns) {
    return org.pcap2hdfs.testing.Packets.ethernet(
        org.pcap2hdfs.testing.Packets.ipv4(
            src, dst, 17, org.pcap2hdfs.testing.Packets.udp(sport, dport, dns)));
  }

  private Decoded decode() throws Exception {
    return Decoded.bytes("join.pcap", pcap.bytes());
  }

  @Test
  void matchedQueryCarriesBothSides() throws Exception {
    Message q = Dns.query(10, "WWW.Example.CA", 1);
    query(0, 5000, q);
    Message r = Dns.response(Dns.query(10, "www.example.ca", 1), 3);
    response(1500, 5000, r);
    Map<String, Object> row = decode().only();
    assertThat(row)
        .containsEntry("qname", "www.example.ca")
        .containsEntry("domainname", "example.ca")
        .containsEntry("rcode", 3)
        .containsEntry("src", CLIENT)
        .containsEntry("dst", SERVER)
        .containsEntry("proc_time", 1)
        .containsEntry("proc_time_us", 1500L)
        .containsEntry("aa", true)
        .containsEntry("q_rd", true)
        .containsEntry("res_messages", 1)
        .containsEntry("time_us", T0);
  }

  @Test
  void unansweredQueryHasRcodeMinusOneAndNoResponseSide() throws Exception {
    query(0, 5000, Dns.query(11, "lost.example.ca", 1));
    Decoded d = decode();
    Map<String, Object> row = d.only();
    assertThat(row)
        .containsEntry("rcode", -1)
        .containsEntry("q_rd", true)
        .containsEntry("req_len", 33);
    for (String responseSide :
        List.of(
            "aa",
            "tc",
            "rd",
            "ra",
            "z",
            "ad",
            "cd",
            "ancount",
            "arcount",
            "nscount",
            "qdcount",
            "res_len",
            "proc_time",
            "res_time_us")) {
      assertThat(row.get(responseSide)).as(responseSide).isNull();
    }
    assertThat(d.counters.unanswered).isEqualTo(1);
  }

  @Test
  void unsolicitedResponseHasNoQuerySide() throws Exception {
    response(0, 5001, Dns.response(Dns.query(12, "nobody.example.ca", 1), 0));
    Decoded d = decode();
    Map<String, Object> row = d.only();
    assertThat(row)
        .containsEntry("src", CLIENT)
        .containsEntry("srcp", 5001)
        .containsEntry("dst", SERVER)
        .containsEntry("rcode", 0)
        .containsEntry("qname", "nobody.example.ca");
    for (String querySide :
        List.of("req_len", "ttl", "q_tc", "q_rd", "q_qdcount", "edns_udp", "proc_time")) {
      assertThat(row.get(querySide)).as(querySide).isNull();
    }
    assertThat(d.counters.unsolicited).isEqualTo(1);
  }

  @Test
  void responsesWithoutQuestionMatchOnAddressPortAndId() throws Exception {
    Path fixture = Decoded.resource("fixtures/no-question-responses.pcap");
    assertThat(Files.readAllBytes(fixture))
        .as("the committed fixture is what Fixtures writes")
        .isEqualTo(Fixtures.noQuestionResponses());
    Decoded d = Decoded.files(fixture);
    assertThat(d.counters.matched).isEqualTo(4);
    assertThat(d.rows)
        .extracting(r -> r.get("qname") + " " + r.get("rcode") + " " + r.get("tc"))
        .containsExactly(
            "slip.example.ca 0 true",
            "formerr.example.ca 1 false",
            "notimp.example.ca 4 false",
            "badkey.example.ca 9 false");
    assertThat(d.rows).allSatisfy(r -> assertThat(r.get("qdcount")).isEqualTo(0));
  }

  @Test
  void retransmittedQueriesAreRowsAndTheResponseAnswersTheOldest() throws Exception {
    Message q = Dns.query(13, "retry.example.ca", 1);
    query(0, 5002, q);
    query(1_000_000, 5002, q);
    response(1_000_200, 5002, Dns.response(q, 0));
    Decoded d = decode();
    assertThat(d.rows)
        .extracting(r -> r.get("time_us") + " " + r.get("rcode"))
        .containsExactlyInAnyOrder(T0 + " 0", (T0 + 1_000_000) + " -1");
    assertThat(d.counters.duplicateQueries).isEqualTo(1);
  }

  @Test
  void duplicateResponseIsAResponseOnlyRow() throws Exception {
    Message q = Dns.query(14, "twice.example.ca", 1);
    query(0, 5003, q);
    response(100, 5003, Dns.response(q, 0));
    response(200, 5003, Dns.response(q, 0));
    Decoded d = decode();
    assertThat(d.counters.matched).isEqualTo(1);
    assertThat(d.counters.unsolicited).isEqualTo(1);
    assertThat(d.rows).hasSize(2);
  }

  @Test
  void expiryFollowsCaptureTimeNotWallClock() throws Exception {
    Message q = Dns.query(15, "slow.example.ca", 1);
    query(0, 5004, q);
    response(6_000_000, 5004, Dns.response(q, 0)); // 6 s later: past the 5 s default timeout
    Decoded d = decode();
    assertThat(d.counters.unanswered).isEqualTo(1);
    assertThat(d.counters.unsolicited).isEqualTo(1);
    assertThat(d.counters.matched).isZero();
  }

  @Test
  void pendingQueriesAreBoundedAndEvictionsBecomeRows() throws Exception {
    for (int i = 0; i < 5; i++) {
      query(i, 6000 + i, Dns.query(100 + i, "r" + i + ".attack.example.ca", 1));
    }
    response(10, 6004, Dns.response(Dns.query(104, "r4.attack.example.ca", 1), 3));
    DecoderConfig tight =
        new DecoderConfig(
            new DnsPorts(List.of(53)), new JoinConfig(5_000_000, 2), ReassemblyLimits.defaults());
    Path f = Files.write(dir.resolve("bounded.pcap"), pcap.bytes());
    Decoded d = Decoded.files(tight, f);
    assertThat(d.rows).hasSize(5);
    assertThat(d.counters.evicted).isEqualTo(3);
    assertThat(d.counters.unanswered).isEqualTo(4);
    assertThat(d.counters.matched).isEqualTo(1);
    List<String> rcodes =
        d.rows.stream()
            .map(r -> r.get("qname") + "=" + r.get("rcode"))
            .collect(Collectors.toList());
    assertThat(rcodes).contains("r4.attack.example.ca=3", "r0.attack.example.ca=-1");
  }

  @Test
  void aJumpBackInCaptureTimeStartsANewClock() throws Exception {
    Message a = Dns.query(20, "before.example.ca", 1);
    Message b = Dns.query(21, "after.example.ca", 1);
    query(3_600_000_000L, 7000, a); // an hour in
    query(0, 7001, b); // a file from an hour earlier
    response(300, 7001, Dns.response(b, 0));
    Decoded d = decode();
    assertThat(d.counters.clockResets).isEqualTo(1);
    assertThat(d.rows)
        .extracting(r -> r.get("qname") + "=" + r.get("rcode"))
        .containsExactly("before.example.ca=-1", "after.example.ca=0");
  }

  @Test
  void thousandsPendingAtOnceStillJoin() throws Exception {
    int n = 3000; // well past the table's first growth
    for (int i = 0; i < n; i++) {
      query(i, 10_000 + i, Dns.query(i, "q" + i + ".example.ca", 1));
    }
    for (int i = n - 1; i >= 0; i--) {
      response(n + (n - i), 10_000 + i, Dns.response(Dns.query(i, "q" + i + ".example.ca", 1), 0));
    }
    Decoded d = decode();
    assertThat(d.counters.matched).isEqualTo(n);
    assertThat(d.rows).allSatisfy(r -> assertThat(r.get("rcode")).isEqualTo(0));
  }

  @Test
  void theBoundCountsPendingQueriesNotAnsweredOnes() throws Exception {
    // At most two queries wait at any time; the first waits long while later ones are answered.
    Message a = Dns.query(1, "a.example", 1);
    Message b = Dns.query(2, "b.example", 1);
    Message c = Dns.query(3, "c.example", 1);
    query(0, 7100, a);
    query(1_000, 7100, b);
    response(2_000, 7100, Dns.response(b, 0));
    query(3_000, 7100, c);
    response(4_000, 7100, Dns.response(c, 0));
    response(1_000_000, 7100, Dns.response(a, 0));
    DecoderConfig two =
        new DecoderConfig(
            new DnsPorts(List.of(53)), new JoinConfig(5_000_000, 2), ReassemblyLimits.defaults());
    Decoded d = Decoded.files(two, Files.write(dir.resolve("bound.pcap"), pcap.bytes()));
    assertThat(d.counters.evicted).isZero();
    assertThat(d.counters.matched).isEqualTo(3);
    assertThat(d.rows).hasSize(3);
  }

  @Test
  void manyAnsweredQueriesBehindOneUnansweredDoNotEvict() throws Exception {
    query(0, 7200, Dns.query(9, "lonely.example", 1)); // never answered
    for (int i = 0; i < 5000; i++) {
      Message q = Dns.query(10 + i, "q" + i + ".example", 1);
      query(10 + 2L * i, 8000 + (i % 1000), q);
      response(11 + 2L * i, 8000 + (i % 1000), Dns.response(q, 0));
    }
    DecoderConfig small =
        new DecoderConfig(
            new DnsPorts(List.of(53)), new JoinConfig(5_000_000, 10), ReassemblyLimits.defaults());
    Decoded d = Decoded.files(small, Files.write(dir.resolve("holes.pcap"), pcap.bytes()));
    assertThat(d.counters.evicted).isZero();
    assertThat(d.counters.matched).isEqualTo(5000);
    assertThat(d.counters.unanswered).isEqualTo(1);
  }
}
