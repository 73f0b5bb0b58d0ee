package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * The res_answer_ttl column: the smallest TTL of the response's answer-section records (every type,
 * a CNAME chain included; authority and additional records do not count), a TTL with the top bit
 * set read as 0 (RFC 2181 §8). dnsjava refuses such TTLs, so they are patched into its wire form.
 */
class AnswerTtlTest {
  private static final long MARK_1 = 0x0B0B0B0BL;
  private static final long MARK_2 = 0x0C0C0C0CL;

  @Test
  void smallestOfTheAnswerRecordsCnameChainIncluded() throws Exception {
    Message r = response("www.example.nl");
    r.addRecord(cname("www.example.nl", "web.example.nl", 3600), Section.ANSWER);
    r.addRecord(a("web.example.nl", 300, "192.0.2.1"), Section.ANSWER);
    r.addRecord(a("web.example.nl", 60, "192.0.2.2"), Section.ANSWER);
    assertThat(row(r.toWire())).containsEntry("res_answer_ttl", 60L);
  }

  @Test
  void aCnameWithASmallerTtlThanItsTargetCounts() throws Exception {
    Message r = response("www.example.nl");
    r.addRecord(cname("www.example.nl", "web.example.nl", 30), Section.ANSWER);
    r.addRecord(a("web.example.nl", 300, "192.0.2.1"), Section.ANSWER);
    assertThat(row(r.toWire())).containsEntry("res_answer_ttl", 30L);
  }

  @Test
  void authorityAndAdditionalRecordsDoNotCount() throws Exception {
    Message r = response("www.example.nl");
    r.addRecord(a("www.example.nl", 300, "192.0.2.1"), Section.ANSWER);
    r.addRecord(soa(5), Section.AUTHORITY);
    r.addRecord(a("ns1.example.nl", 7, "192.0.2.53"), Section.ADDITIONAL);
    assertThat(row(r.toWire())).containsEntry("res_answer_ttl", 300L);
  }

  @Test
  void nullWithoutAnswerRecordsEvenWithAnAuthoritySoa() throws Exception {
    Message r = response("nx.example.nl");
    r.getHeader().setRcode(Rcode.NXDOMAIN);
    r.addRecord(soa(900), Section.AUTHORITY);
    Map<String, Object> row = row(r.toWire());
    assertThat(row).containsEntry("rcode", Rcode.NXDOMAIN);
    assertThat(row.get("res_answer_ttl")).isNull();
  }

  @Test
  void topBitSetIsZero() throws Exception {
    for (long ttl : new long[] {0x80000000L, 0x80000001L, 0xC0000000L, 0xFFFFFFFFL}) {
      Message r = response("www.example.nl");
      r.addRecord(a("www.example.nl", MARK_1, "192.0.2.1"), Section.ANSWER);
      r.addRecord(txt("www.example.nl", 300), Section.ANSWER);
      byte[] wire = patchTtl(r.toWire(), MARK_1, ttl);
      assertThat(row(wire)).as("TTL %x", ttl).containsEntry("res_answer_ttl", 0L);
    }
  }

  @Test
  void topBitSetAloneIsZeroAndTheLargestValidTtlIsKept() throws Exception {
    Message r = response("www.example.nl");
    r.addRecord(a("www.example.nl", MARK_1, "192.0.2.1"), Section.ANSWER);
    assertThat(row(patchTtl(r.toWire(), MARK_1, 0x80000000L))).containsEntry("res_answer_ttl", 0L);
    Message max = response("www.example.nl");
    max.addRecord(a("www.example.nl", MARK_1, "192.0.2.1"), Section.ANSWER);
    max.addRecord(a("www.example.nl", MARK_2, "192.0.2.2"), Section.ANSWER);
    byte[] wire = patchTtl(patchTtl(max.toWire(), MARK_1, 0x7FFFFFFFL), MARK_2, 0xFFFFFFFFL);
    assertThat(row(wire)).containsEntry("res_answer_ttl", 0L);
    Message valid = response("www.example.nl");
    valid.addRecord(a("www.example.nl", MARK_1, "192.0.2.1"), Section.ANSWER);
    assertThat(row(patchTtl(valid.toWire(), MARK_1, 0x7FFFFFFFL)))
        .containsEntry("res_answer_ttl", 0x7FFFFFFFL);
  }

  @Test
  void aZeroTtlIsZero() throws Exception {
    Message r = response("www.example.nl");
    r.addRecord(a("www.example.nl", 0, "192.0.2.1"), Section.ANSWER);
    r.addRecord(a("www.example.nl", 300, "192.0.2.2"), Section.ANSWER);
    assertThat(row(r.toWire())).containsEntry("res_answer_ttl", 0L);
  }

  private static Message query;

  private static Message response(String name) {
    query = Dns.query(0x4242, name, 1);
    return Dns.response(query, Rcode.NOERROR);
  }

  private static Map<String, Object> row(byte[] responseWire) throws Exception {
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(1_700_000_000_000_000L, udp("203.0.113.9", 40000, "192.0.2.53", 53, query.toWire()));
    pcap.add(1_700_000_000_000_300L, udp("192.0.2.53", 53, "203.0.113.9", 40000, responseWire));
    Decoded d = Decoded.bytes("ttl.pcap", pcap.bytes());
    assertThat(d.rows).hasSize(1);
    Map<String, Object> row = d.rows.get(0);
    assertThat(row).containsEntry("malformed", false);
    return row;
  }

  private static byte[] udp(String src, int sport, String dst, int dport, byte[] dns) {
    return Packets.ethernet(Packets.ipv4(src, dst, 17, Packets.udp(sport, dport, dns)));
  }

  /** Replaces the only occurrence of {@code mark} as a 32-bit big-endian word by {@code ttl}. */
  private static byte[] patchTtl(byte[] wire, long mark, long ttl) {
    int found = -1;
    for (int i = 0; i + 4 <= wire.length; i++) {
      long w =
          (wire[i] & 0xFFL) << 24
              | (wire[i + 1] & 0xFF) << 16
              | (wire[i + 2] & 0xFF) << 8
              | (wire[i + 3] & 0xFF);
      if (w == mark) {
        assertThat(found).as("one TTL marked %x", mark).isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("TTL marked %x", mark).isNotNegative();
    byte[] out = wire.clone();
    for (int k = 0; k < 4; k++) {
      out[found + k] = (byte) (ttl >>> (24 - 8 * k));
    }
    return out;
  }

  private static Record a(String name, long ttl, String address) throws Exception {
    return new ARecord(Dns.name(name), DClass.IN, ttl, InetAddress.getByName(address));
  }

  private static Record cname(String name, String target, long ttl) {
    return new CNAMERecord(Dns.name(name), DClass.IN, ttl, Dns.name(target));
  }

  private static Record txt(String name, long ttl) {
    return new TXTRecord(Dns.name(name), DClass.IN, ttl, "v=spf1 -all");
  }

  private static Record soa(long ttl) {
    return new SOARecord(
        Dns.name("example.nl"),
        DClass.IN,
        ttl,
        Dns.name("ns1.example.nl"),
        Dns.name("hostmaster.example.nl"),
        2024010101L,
        3600,
        600,
        86400,
        ttl);
  }
}
