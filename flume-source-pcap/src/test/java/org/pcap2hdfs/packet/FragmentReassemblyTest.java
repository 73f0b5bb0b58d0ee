package org.pcap2hdfs.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

class FragmentReassemblyTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final Message QUERY = Dns.query(99, "big.example.ca", 16);

  /** A response of about 3 kB: large TXT records. */
  private static byte[] bigResponse() {
    Message r = Dns.response(QUERY, 0);
    char[] text = new char[250];
    Arrays.fill(text, 'x');
    for (int i = 0; i < 12; i++) {
      r.addRecord(
          new TXTRecord(Dns.name("big.example.ca"), DClass.IN, 300, new String(text)),
          Section.ANSWER);
    }
    return r.toWire(65535);
  }

  @Test
  void ipv4FragmentsOutOfOrderAreReassembled() throws Exception {
    byte[] udp = Packets.udp(53, 5353, bigResponse());
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(T0, ethernet4("192.0.2.10", "192.0.2.53", 5353, QUERY.toWire()));
    int[] cuts = {0, 1480, 2960, udp.length};
    // last fragment first, then the first, then the middle
    for (int i : new int[] {2, 0, 1}) {
      byte[] part = Arrays.copyOfRange(udp, cuts[i], cuts[i + 1]);
      pcap.add(
          T0 + 100 + i,
          Packets.ethernet(
              Packets.ipv4("192.0.2.53", "192.0.2.10", 17, 4711, cuts[i], i < 2, part)));
    }
    Decoded d = Decoded.bytes("frag4.pcap", pcap.bytes());
    Map<String, Object> row = d.only();
    assertThat(row).containsEntry("resp_frag", 3).containsEntry("ancount", 12);
    assertThat(row.get("frag")).isNull();
    assertThat(row).containsEntry("res_len", udp.length - 8);
    assertThat(d.counters.fragments).isEqualTo(3);
    assertThat(d.counters.fragmentsReassembled).isEqualTo(1);
  }

  @Test
  void ipv6FragmentsAreReassembled() throws Exception {
    byte[] udp = Packets.udp(53, 5353, bigResponse());
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(
        T0,
        Packets.ethernet(
            Packets.ipv6(
                "2001:db8::10", "2001:db8::53", 17, Packets.udp(5353, 53, QUERY.toWire()))));
    int[] cuts = {0, 1448, udp.length};
    for (int i = 0; i < 2; i++) {
      byte[] part = Arrays.copyOfRange(udp, cuts[i], cuts[i + 1]);
      pcap.add(
          T0 + 100 + i,
          Packets.ethernet(
              Packets.ipv6Fragment(
                  "2001:db8::53", "2001:db8::10", 17, 0xABCDEF, cuts[i], i == 0, part)));
    }
    Decoded d = Decoded.bytes("frag6.pcap", pcap.bytes());
    assertThat(d.only())
        .containsEntry("resp_frag", 2)
        .containsEntry("ipv", 6)
        .containsEntry("rcode", 0);
  }

  @Test
  void incompleteDatagramsAreDroppedAfterTheTimeoutAndCounted() throws Exception {
    byte[] udp = Packets.udp(53, 5353, bigResponse());
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(T0, ethernet4("192.0.2.10", "192.0.2.53", 5353, QUERY.toWire()));
    pcap.add(
        T0 + 100,
        Packets.ethernet(
            Packets.ipv4("192.0.2.53", "192.0.2.10", 17, 1, 0, true, Arrays.copyOf(udp, 1480))));
    // Much later, an unrelated datagram arrives; the lone first fragment is long expired.
    pcap.add(
        T0 + 60_000_000,
        Packets.ethernet(
            Packets.ipv4("192.0.2.99", "192.0.2.53", 17, 2, 1480, false, new byte[16])));
    Decoded d = Decoded.bytes("lost.pcap", pcap.bytes());
    assertThat(d.counters.fragmentsDropped).isEqualTo(2);
    assertThat(d.counters.fragmentsReassembled).isZero();
    assertThat(d.only()).containsEntry("rcode", -1);
  }

  private static byte[] ethernet4(String src, String dst, int sport, byte[] dns) {
    return Packets.ethernet(Packets.ipv4(src, dst, 17, Packets.udp(sport, 53, dns)));
  }
}
