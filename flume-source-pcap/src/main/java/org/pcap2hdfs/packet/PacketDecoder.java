package org.pcap2hdfs.packet;

import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.metrics.DecodeCounters;

/**
 * Frames in, DNS messages out: link layer, IPv4/IPv6 (with fragment reassembly), UDP and TCP (with
 * stream reassembly), and, when an {@link IcmpSink} is set, ICMP and ICMPv6 messages. Counts what
 * it cannot use instead of failing.
 */
public final class PacketDecoder {
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88A8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;

  private final DnsPorts dnsPorts;
  private final MessageSink sink;
  private final DecodeCounters counters;
  private final FragmentReassembler fragments;
  private final TcpReassembler tcp;
  private final Transport transport = new Transport();
  private final IcmpParser icmpParser;
  private final IcmpPacket icmpPacket = new IcmpPacket();
  private IcmpSink icmpSink;

  public PacketDecoder(
      DnsPorts dnsPorts, MessageSink sink, DecodeCounters counters, ReassemblyLimits limits) {
    this.dnsPorts = dnsPorts;
    this.sink = sink;
    this.counters = counters;
    this.fragments = new FragmentReassembler(limits, counters);
    this.tcp = new TcpReassembler(dnsPorts, sink, counters, limits);
    this.icmpParser = new IcmpParser(dnsPorts);
  }

  /**
   * Decodes ICMP and ICMPv6 messages into {@code sink}; null (the default) counts them as other.
   */
  public void icmpSink(IcmpSink sink) {
    this.icmpSink = sink;
  }

  public FragmentReassembler fragments() {
    return fragments;
  }

  public TcpReassembler tcp() {
    return tcp;
  }

  /** Decodes one frame; never throws on malformed input. */
  public void decode(Frame f) {
    counters.packets++;
    tcp.expireWaiting(f.timestampMicros);
    boolean truncated = f.isTruncated();
    if (truncated) {
      counters.truncatedFrames++;
    }
    byte[] b = f.data;
    int p = f.offset;
    int end = f.offset + f.capturedLength;
    int etherType;
    switch (f.linkType) {
      case LinkTypes.ETHERNET:
        if (end - p < 14) {
          counters.nonIp++;
          return;
        }
        etherType = u16(b, p + 12);
        p += 14;
        while ((etherType == ETHERTYPE_VLAN
                || etherType == ETHERTYPE_QINQ
                || etherType == ETHERTYPE_QINQ_OLD)
            && end - p >= 4) {
          etherType = u16(b, p + 2);
          p += 4;
        }
        break;
      case LinkTypes.LINUX_SLL:
        if (end - p < 16) {
          counters.nonIp++;
          return;
        }
        etherType = u16(b, p + 14);
        p += 16;
        break;
      case LinkTypes.LINUX_SLL2:
        if (end - p < 20) {
          counters.nonIp++;
          return;
        }
        etherType = u16(b, p);
        p += 20;
        break;
      case LinkTypes.NULL:
      case LinkTypes.LOOP:
        if (end - p < 4) {
          counters.nonIp++;
          return;
        }
        etherType = loopbackFamily(b, p, f.linkType == LinkTypes.LOOP);
        p += 4;
        break;
      case LinkTypes.RAW:
      case LinkTypes.RAW_12:
      case LinkTypes.RAW_14:
        etherType = end > p ? versionEtherType(b[p]) : 0;
        break;
      case LinkTypes.IPV4:
        etherType = ETHERTYPE_IPV4;
        break;
      case LinkTypes.IPV6:
        etherType = ETHERTYPE_IPV6;
        break;
      default:
        counters.nonIp++;
        return;
    }
    transport.timestampMicros = f.timestampMicros;
    transport.truncatedFrame = truncated;
    if (etherType == ETHERTYPE_IPV4) {
      ipv4(b, p, end);
    } else if (etherType == ETHERTYPE_IPV6) {
      ipv6(b, p, end);
    } else {
      counters.nonIp++;
    }
  }

  private static int versionEtherType(byte first) {
    int v = (first & 0xF0) >>> 4;
    return v == 4 ? ETHERTYPE_IPV4 : v == 6 ? ETHERTYPE_IPV6 : 0;
  }

  /** BSD loopback: the address family, in the capturing host's byte order for NULL. */
  private static int loopbackFamily(byte[] b, int p, boolean networkOrder) {
    int family =
        networkOrder
            ? u32(b, p)
            : (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    if (!networkOrder && (family & 0xFFFF) == 0) {
      family = Integer.reverseBytes(family);
    }
    switch (family) {
      case 2:
        return ETHERTYPE_IPV4;
      case 10: // Linux
      case 24: // NetBSD, OpenBSD, BSD/OS
      case 28: // FreeBSD, DragonFly
      case 30: // macOS
        return ETHERTYPE_IPV6;
      default:
        return 0;
    }
  }

  private void ipv4(byte[] b, int p, int end) {
    if (end - p < 20 || (b[p] & 0xF0) != 0x40) {
      counters.badIp++;
      return;
    }
    int ihl = (b[p] & 0x0F) * 4;
    int total = u16(b, p + 2);
    if (ihl < 20 || total < ihl || end - p < ihl) {
      counters.badIp++;
      return;
    }
    int payloadEnd = Math.min(end, p + total);
    int wireEnd = p + total;
    int flagsOffset = u16(b, p + 6);
    Transport t = transport;
    t.ipVersion = 4;
    System.arraycopy(b, p + 12, t.src, 0, 4);
    System.arraycopy(b, p + 16, t.dst, 0, 4);
    t.ttl = b[p + 8] & 0xFF;
    t.dontFragment = (flagsOffset & 0x4000) != 0;
    t.fragments = 0;
    int protocol = b[p + 9] & 0xFF;
    boolean moreFragments = (flagsOffset & 0x2000) != 0;
    int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
    if (moreFragments || fragmentOffset != 0) {
      counters.fragments++;
      FragmentReassembler.Datagram d =
          fragments.add(
              t,
              u16(b, p + 4),
              protocol,
              fragmentOffset,
              moreFragments,
              b,
              p + ihl,
              payloadEnd - (p + ihl));
      if (d != null) {
        t.fragments = d.fragmentCount;
        t.ttl = d.ttl;
        t.dontFragment = d.dontFragment;
        transportLayer(d.protocol, d.data, 0, d.length, d.length);
      }
      return;
    }
    transportLayer(protocol, b, p + ihl, payloadEnd, wireEnd);
  }

  private void ipv6(byte[] b, int p, int end) {
    if (end - p < 40 || (b[p] & 0xF0) != 0x60) {
      counters.badIp++;
      return;
    }
    int payloadLength = u16(b, p + 4);
    int next = b[p + 6] & 0xFF;
    Transport t = transport;
    t.ipVersion = 6;
    t.ttl = b[p + 7] & 0xFF;
    t.dontFragment = false;
    t.fragments = 0;
    System.arraycopy(b, p + 8, t.src, 0, 16);
    System.arraycopy(b, p + 24, t.dst, 0, 16);
    int q = p + 40;
    int wireEnd = payloadLength == 0 ? end : q + payloadLength;
    int payloadEnd = Math.min(end, wireEnd);
    while (true) {
      switch (next) {
        case 0: // hop-by-hop
        case 43: // routing
        case 60: // destination options
          if (payloadEnd - q < 8) {
            counters.badIp++;
            return;
          }
          int len = ((b[q + 1] & 0xFF) + 1) * 8;
          next = b[q] & 0xFF;
          q += len;
          break;
        case 51: // authentication header
          if (payloadEnd - q < 8) {
            counters.badIp++;
            return;
          }
          int ahLen = ((b[q + 1] & 0xFF) + 2) * 4;
          next = b[q] & 0xFF;
          q += ahLen;
          break;
        case 44: // fragment
          if (payloadEnd - q < 8) {
            counters.badIp++;
            return;
          }
          counters.fragments++;
          int offsetFlags = u16(b, q + 2);
          FragmentReassembler.Datagram d =
              fragments.add(
                  t,
                  u32(b, q + 4),
                  b[q] & 0xFF,
                  offsetFlags & 0xFFF8,
                  (offsetFlags & 1) != 0,
                  b,
                  q + 8,
                  payloadEnd - (q + 8));
          if (d != null) {
            t.fragments = d.fragmentCount;
            t.ttl = d.ttl;
            ipv6Payload(d.protocol, d.data, 0, d.length);
          }
          return;
        default:
          if (q > payloadEnd) {
            counters.badIp++;
            return;
          }
          transportLayer(next, b, q, payloadEnd, Math.max(wireEnd, payloadEnd));
          return;
      }
    }
  }

  /** The payload of a reassembled IPv6 datagram may still start with extension headers. */
  private void ipv6Payload(int next, byte[] b, int q, int end) {
    while (next == 0 || next == 43 || next == 60) {
      if (end - q < 8) {
        counters.badIp++;
        return;
      }
      int len = ((b[q + 1] & 0xFF) + 1) * 8;
      next = b[q] & 0xFF;
      q += len;
    }
    if (q > end) {
      counters.badIp++;
      return;
    }
    transportLayer(next, b, q, end, end);
  }

  private void transportLayer(int protocol, byte[] b, int p, int end, int wireEnd) {
    if (protocol == Transport.UDP) {
      udp(b, p, end);
    } else if (protocol == Transport.TCP) {
      tcp.segment(transport, b, p, end);
    } else if (icmpSink != null
        && (protocol == IcmpParser.ICMP && transport.ipVersion == 4
            || protocol == IcmpParser.ICMPV6 && transport.ipVersion == 6)) {
      icmp(protocol, b, p, end, wireEnd);
    } else {
      counters.otherTransport++;
    }
  }

  private void icmp(int protocol, byte[] b, int p, int end, int wireEnd) {
    counters.icmpMessages++;
    if (!icmpParser.parse(transport.ipVersion, b, p, end, wireEnd - p, icmpPacket)) {
      counters.icmpMalformed++;
      return;
    }
    transport.protocol = protocol;
    transport.srcPort = -1;
    transport.dstPort = -1;
    icmpSink.icmp(transport, icmpPacket, b);
  }

  private void udp(byte[] b, int p, int end) {
    if (end - p < 8) {
      counters.badIp++;
      return;
    }
    int srcPort = u16(b, p);
    int dstPort = u16(b, p + 2);
    if (!dnsPorts.contains(srcPort) && !dnsPorts.contains(dstPort)) {
      counters.notDns++;
      return;
    }
    int udpLength = u16(b, p + 4);
    int wire = udpLength >= 8 ? udpLength - 8 : end - p - 8;
    int captured = Math.min(wire, end - p - 8);
    Transport t = transport;
    t.srcPort = srcPort;
    t.dstPort = dstPort;
    t.protocol = Transport.UDP;
    t.tcpHandshakeRttMicros = -1;
    sink.message(t, b, p + 8, captured, wire);
  }

  static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
  }

  static int u32(byte[] b, int p) {
    return (b[p] & 0xFF) << 24
        | (b[p + 1] & 0xFF) << 16
        | (b[p + 2] & 0xFF) << 8
        | (b[p + 3] & 0xFF);
  }
}
