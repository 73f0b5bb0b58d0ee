package org.pcap2hdfs.packet;

/**
 * Reads an ICMP (RFC 792) or ICMPv6 (RFC 4443) message: type, code, MTU and, for the error types,
 * the quoted packet's IP and UDP/TCP headers and where its DNS message starts. Only what the bytes
 * hold is filled; a quote cut short leaves the rest absent.
 */
final class IcmpParser {
  static final int ICMP = 1;
  static final int ICMPV6 = 58;

  private final DnsPorts dnsPorts;

  IcmpParser(DnsPorts dnsPorts) {
    this.dnsPorts = dnsPorts;
  }

  /**
   * Parses {@code b[p, end)}.
   *
   * @param ipVersion 4 for ICMP, 6 for ICMPv6
   * @return false when the message is shorter than its 8-byte header
   */
  boolean parse(int ipVersion, byte[] b, int p, int end, int wireLength, IcmpPacket m) {
    m.clear();
    if (end - p < 8) {
      return false;
    }
    m.type = b[p] & 0xFF;
    m.code = b[p + 1] & 0xFF;
    m.length = wireLength;
    boolean quotes;
    if (ipVersion == 4) {
      quotes = m.type == 3 || m.type == 4 || m.type == 5 || m.type == 11 || m.type == 12;
      if (m.type == 3 && m.code == 4) {
        m.mtu = PacketDecoder.u16(b, p + 6);
      }
    } else {
      quotes = m.type >= 1 && m.type <= 4;
      if (m.type == 2) {
        m.mtu = PacketDecoder.u32(b, p + 4);
      }
    }
    if (quotes) {
      quoted(b, p + 8, end, m);
    }
    return true;
  }

  private void quoted(byte[] b, int q, int end, IcmpPacket m) {
    int l4;
    if (end - q >= 20 && (b[q] & 0xF0) == 0x40) {
      int ihl = (b[q] & 0x0F) * 4;
      m.origIpVersion = 4;
      m.origTtl = b[q + 8] & 0xFF;
      m.origProtocol = b[q + 9] & 0xFF;
      m.origIpLength = PacketDecoder.u16(b, q + 2);
      System.arraycopy(b, q + 12, m.origSrc, 0, 4);
      System.arraycopy(b, q + 16, m.origDst, 0, 4);
      if (ihl < 20 || (PacketDecoder.u16(b, q + 6) & 0x1FFF) != 0) {
        return; // bad header, or a later fragment: no transport header
      }
      l4 = q + ihl;
    } else if (end - q >= 40 && (b[q] & 0xF0) == 0x60) {
      m.origIpVersion = 6;
      m.origTtl = b[q + 7] & 0xFF;
      m.origProtocol = b[q + 6] & 0xFF;
      m.origIpLength = 40 + PacketDecoder.u16(b, q + 4);
      System.arraycopy(b, q + 8, m.origSrc, 0, 16);
      System.arraycopy(b, q + 24, m.origDst, 0, 16);
      l4 = q + 40;
    } else {
      return;
    }
    if (end - l4 < 4 || (m.origProtocol != Transport.UDP && m.origProtocol != Transport.TCP)) {
      return;
    }
    m.origSrcPort = PacketDecoder.u16(b, l4);
    m.origDstPort = PacketDecoder.u16(b, l4 + 2);
    if (m.origProtocol != Transport.UDP
        || end - l4 < 8
        || (!dnsPorts.contains(m.origSrcPort) && !dnsPorts.contains(m.origDstPort))) {
      return;
    }
    int udpLength = PacketDecoder.u16(b, l4 + 4);
    m.dnsOffset = l4 + 8;
    m.dnsCaptured = end - m.dnsOffset;
    m.dnsWire = udpLength >= 8 ? udpLength - 8 : m.dnsCaptured;
    if (m.dnsCaptured > m.dnsWire) {
      m.dnsCaptured = m.dnsWire; // padding after the quoted datagram
    }
  }
}
