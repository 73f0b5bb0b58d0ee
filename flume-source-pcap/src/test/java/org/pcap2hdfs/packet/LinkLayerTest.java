package org.pcap2hdfs.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;

/** Every supported link type carries the same query to the same row. */
class LinkLayerTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final byte[] QUERY = Dns.query(77, "www.example.ca", 28).toWire();
  private static final byte[] IPV4 =
      Packets.ipv4("192.0.2.1", "192.0.2.53", 17, Packets.udp(4242, 53, QUERY));
  private static final byte[] IPV6 =
      Packets.ipv6("2001:db8::1", "2001:db8::53", 17, Packets.udp(4242, 53, QUERY));

  @Test
  void ethernetWithVlanAndQinqTags() throws Exception {
    assertQuery(LinkTypes.ETHERNET, Packets.ethernetVlan(IPV4, 0x8100), "192.0.2.1");
    assertQuery(LinkTypes.ETHERNET, Packets.ethernetVlan(IPV6, 0x88A8, 0x8100), "2001:db8::1");
  }

  @Test
  void linuxCookedV1AndV2() throws Exception {
    ByteBuffer sll = ByteBuffer.allocate(16 + IPV4.length);
    sll.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8]);
    sll.putShort((short) 0x0800).put(IPV4);
    assertQuery(LinkTypes.LINUX_SLL, sll.array(), "192.0.2.1");

    ByteBuffer sll2 = ByteBuffer.allocate(20 + IPV6.length);
    sll2.putShort((short) 0x86DD).putShort((short) 0).putInt(2).putShort((short) 1);
    sll2.put((byte) 0).put((byte) 6).put(new byte[8]).put(IPV6);
    assertQuery(LinkTypes.LINUX_SLL2, sll2.array(), "2001:db8::1");
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkTypes.RAW_12, LinkTypes.RAW_14, LinkTypes.RAW})
  void rawIpOfEitherVersion(int linkType) throws Exception {
    assertQuery(linkType, IPV4, "192.0.2.1");
    assertQuery(linkType, IPV6, "2001:db8::1");
  }

  @Test
  void rawIpv4AndIpv6LinkTypes() throws Exception {
    assertQuery(LinkTypes.IPV4, IPV4, "192.0.2.1");
    assertQuery(LinkTypes.IPV6, IPV6, "2001:db8::1");
  }

  @Test
  void bsdLoopbackInHostAndNetworkOrder() throws Exception {
    assertQuery(LinkTypes.NULL, loopback(2, ByteOrder.LITTLE_ENDIAN, IPV4), "192.0.2.1");
    assertQuery(LinkTypes.NULL, loopback(2, ByteOrder.BIG_ENDIAN, IPV4), "192.0.2.1");
    assertQuery(LinkTypes.NULL, loopback(30, ByteOrder.LITTLE_ENDIAN, IPV6), "2001:db8::1");
    assertQuery(LinkTypes.LOOP, loopback(24, ByteOrder.BIG_ENDIAN, IPV6), "2001:db8::1");
  }

  @Test
  void unknownLinkTypeIsCountedNotFatal() throws Exception {
    Decoded d = Decoded.bytes("x.pcap", new PcapFile(147).add(T0, IPV4).bytes());
    assertThat(d.rows).isEmpty();
    assertThat(d.counters.nonIp).isEqualTo(1);
  }

  private static byte[] loopback(int family, ByteOrder order, byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(4 + ip.length).order(order);
    b.putInt(family).put(ip);
    return b.array();
  }

  private static void assertQuery(int linkType, byte[] frame, String client) throws Exception {
    Decoded d = Decoded.bytes("link.pcap", new PcapFile(linkType).add(T0, frame).bytes());
    assertThat(d.only())
        .containsEntry("qname", "www.example.ca")
        .containsEntry("qtype", 28)
        .containsEntry("src", client)
        .containsEntry("srcp", 4242)
        .containsEntry("rcode", -1);
  }
}
