package org.pcap2hdfs.packet;

/**
 * What an ICMP or ICMPv6 error tells about the packet it quotes: the quoted IP and transport header
 * fields and where the quoted DNS message lies. One instance is reused; absent parts are -1.
 */
public final class IcmpPacket {
  public int type;
  public int code;

  /** Next-hop MTU (fragmentation needed, packet too big); -1 otherwise. */
  public int mtu;

  /** Length of the ICMP message on the wire. */
  public int length;

  /** IP version of the quoted packet; -1 when there is no usable quote. */
  public int origIpVersion;

  public int origTtl;
  public final byte[] origSrc = new byte[16];
  public final byte[] origDst = new byte[16];
  public int origIpLength;

  /** Transport protocol of the quoted packet; -1 when unknown. */
  public int origProtocol;

  /** Ports of the quoted UDP or TCP header; -1 when cut off. */
  public int origSrcPort;

  public int origDstPort;

  /** Start of the quoted DNS message in the data; -1 when the quote holds none. */
  public int dnsOffset;

  /** Bytes of the quoted DNS message present. */
  public int dnsCaptured;

  /** Length of the quoted DNS message as its UDP header states it. */
  public int dnsWire;

  void clear() {
    mtu = -1;
    origIpVersion = -1;
    origTtl = -1;
    origIpLength = -1;
    origProtocol = -1;
    origSrcPort = -1;
    origDstPort = -1;
    dnsOffset = -1;
    dnsCaptured = 0;
    dnsWire = 0;
  }

  public int origAddressLength() {
    return origIpVersion == 6 ? 16 : 4;
  }
}
