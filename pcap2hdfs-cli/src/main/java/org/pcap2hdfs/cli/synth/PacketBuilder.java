package org.pcap2hdfs.cli.synth;

import java.io.IOException;

/**
 * Builds Ethernet frames carrying IPv4 or IPv6 with UDP or TCP, with correct lengths and checksums.
 * A UDP datagram larger than the MTU is sent as IP fragments (in order, like a server's stack
 * does); TCP segments must fit the MTU (callers cut them by {@link #tcpPayloadLimit}). The IPv4
 * identification and IPv6 fragment identification are counters, so the output is deterministic.
 */
public final class PacketBuilder {
  public static final int DEFAULT_MTU = 1500;

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  static final int UDP = 17;
  static final int TCP = 6;
  private static final int IPV6_FRAGMENT = 44;
  private static final int ETHERNET_HEADER = 14;
  private static final int MIN_FRAME = 60;

  /** SYN options: MSS 1460, SACK permitted, timestamps, window scale 7 (what Linux sends). */
  private static final byte[] SYN_OPTIONS = {
    2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7
  };

  /** NOP, NOP, timestamps: the 12 option bytes of every other segment. */
  private static final byte[] TIMESTAMP_OPTIONS = {1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0};

  private final int mtu;
  private final byte[] frame = new byte[ETHERNET_HEADER + 48 + 65_535 + 64];
  private final byte[] transport = new byte[65_535 + 64];
  private int ipv4Id;
  private int ipv6FragmentId;
  private int frames;
  private int fragmentedDatagrams;
  private int fragmentFrames;

  public PacketBuilder() {
    this(DEFAULT_MTU, 0x1000, 0x10000);
  }

  /** A builder whose IP identification counters start at the given values. */
  public PacketBuilder(int mtu, int firstIpv4Id, int firstIpv6FragmentId) {
    if (mtu < 1280) {
      throw new IllegalArgumentException("MTU below 1280: " + mtu);
    }
    this.mtu = mtu;
    this.ipv4Id = firstIpv4Id;
    this.ipv6FragmentId = firstIpv6FragmentId;
  }

  /** Frames built so far. */
  public int frames() {
    return frames;
  }

  /** UDP datagrams that had to be fragmented so far. */
  public int fragmentedDatagrams() {
    return fragmentedDatagrams;
  }

  /** Frames that carried a fragment so far. */
  public int fragmentFrames() {
    return fragmentFrames;
  }

  /** The largest TCP payload that fits one frame between these endpoints. */
  public int tcpPayloadLimit(Endpoint a) {
    return mtu - (a.isIpv6() ? 40 : 20) - 20 - TIMESTAMP_OPTIONS.length;
  }

  /**
   * Sends a UDP datagram, fragmented when it exceeds the MTU; all frames get {@code ts}.
   *
   * @return the number of frames written
   */
  public int udp(FrameSink out, long ts, Endpoint src, Endpoint dst, byte[] data, int off, int len)
      throws IOException {
    checkFamilies(src, dst);
    int udpLength = 8 + len;
    if (udpLength > 65_535) {
      throw new IllegalArgumentException("UDP payload too large: " + len);
    }
    byte[] t = transport;
    put16(t, 0, src.port);
    put16(t, 2, dst.port);
    put16(t, 4, udpLength);
    put16(t, 6, 0);
    System.arraycopy(data, off, t, 8, len);
    int sum = Checksum.pseudoHeader(src.address, dst.address, UDP, udpLength);
    int checksum = Checksum.finish(Checksum.add(sum, t, 0, udpLength));
    put16(t, 6, checksum == 0 ? 0xFFFF : checksum);
    return ip(out, ts, src, dst, UDP, udpLength);
  }

  /**
   * Sends one TCP segment. SYN segments carry the usual options, others the timestamps option.
   *
   * @return the number of frames written (1)
   */
  public int tcp(
      FrameSink out,
      long ts,
      Endpoint src,
      Endpoint dst,
      int seq,
      int ack,
      int flags,
      byte[] data,
      int off,
      int len)
      throws IOException {
    checkFamilies(src, dst);
    if (len > tcpPayloadLimit(src)) {
      throw new IllegalArgumentException("TCP segment larger than the MTU allows: " + len);
    }
    byte[] options = (flags & SYN) != 0 ? SYN_OPTIONS : TIMESTAMP_OPTIONS;
    int headerLength = 20 + options.length;
    byte[] t = transport;
    put16(t, 0, src.port);
    put16(t, 2, dst.port);
    put32(t, 4, seq);
    put32(t, 8, (flags & ACK) != 0 ? ack : 0);
    t[12] = (byte) ((headerLength / 4) << 4);
    t[13] = (byte) flags;
    put16(t, 14, (flags & SYN) != 0 ? 64_240 : 502);
    put16(t, 16, 0);
    put16(t, 18, 0);
    System.arraycopy(options, 0, t, 20, options.length);
    int tsval = (int) (ts / 1000);
    if ((flags & SYN) != 0) {
      put32(t, 20 + 8, tsval);
    } else {
      put32(t, 20 + 4, tsval);
    }
    System.arraycopy(data, off, t, headerLength, len);
    int segmentLength = headerLength + len;
    int sum = Checksum.pseudoHeader(src.address, dst.address, TCP, segmentLength);
    put16(t, 16, Checksum.finish(Checksum.add(sum, t, 0, segmentLength)));
    return ip(out, ts, src, dst, TCP, segmentLength);
  }

  private int ip(FrameSink out, long ts, Endpoint src, Endpoint dst, int protocol, int length)
      throws IOException {
    if (src.isIpv6()) {
      if (40 + length <= mtu) {
        int p = ethernet(src, dst, 0x86DD);
        ipv6Header(p, src, dst, protocol, length);
        System.arraycopy(transport, 0, frame, p + 40, length);
        return emit(out, ts, p + 40 + length);
      }
      return ipv6Fragments(out, ts, src, dst, protocol, length);
    }
    if (20 + length <= mtu) {
      int p = ethernet(src, dst, 0x0800);
      ipv4Header(p, src, dst, protocol, 20 + length, nextIpv4Id(), src.dontFragment ? 0x4000 : 0);
      System.arraycopy(transport, 0, frame, p + 20, length);
      return emit(out, ts, p + 20 + length);
    }
    return ipv4Fragments(out, ts, src, dst, protocol, length);
  }

  private int ipv4Fragments(
      FrameSink out, long ts, Endpoint src, Endpoint dst, int protocol, int length)
      throws IOException {
    int id = nextIpv4Id();
    int step = (mtu - 20) & ~7;
    int count = 0;
    for (int offset = 0; offset < length; offset += step) {
      int n = Math.min(step, length - offset);
      boolean more = offset + n < length;
      int p = ethernet(src, dst, 0x0800);
      ipv4Header(p, src, dst, protocol, 20 + n, id, (more ? 0x2000 : 0) | (offset / 8));
      System.arraycopy(transport, offset, frame, p + 20, n);
      count += emit(out, ts, p + 20 + n);
    }
    fragmentedDatagrams++;
    fragmentFrames += count;
    return count;
  }

  private int ipv6Fragments(
      FrameSink out, long ts, Endpoint src, Endpoint dst, int protocol, int length)
      throws IOException {
    int id = ipv6FragmentId++;
    int step = (mtu - 40 - 8) & ~7;
    int count = 0;
    for (int offset = 0; offset < length; offset += step) {
      int n = Math.min(step, length - offset);
      boolean more = offset + n < length;
      int p = ethernet(src, dst, 0x86DD);
      ipv6Header(p, src, dst, IPV6_FRAGMENT, 8 + n);
      int f = p + 40;
      frame[f] = (byte) protocol;
      frame[f + 1] = 0;
      put16(frame, f + 2, offset | (more ? 1 : 0));
      put32(frame, f + 4, id);
      System.arraycopy(transport, offset, frame, f + 8, n);
      count += emit(out, ts, f + 8 + n);
    }
    fragmentedDatagrams++;
    fragmentFrames += count;
    return count;
  }

  private int ethernet(Endpoint src, Endpoint dst, int etherType) {
    System.arraycopy(dst.mac, 0, frame, 0, 6);
    System.arraycopy(src.mac, 0, frame, 6, 6);
    put16(frame, 12, etherType);
    return ETHERNET_HEADER;
  }

  private void ipv4Header(
      int p, Endpoint src, Endpoint dst, int protocol, int totalLength, int id, int flagsOffset) {
    byte[] f = frame;
    f[p] = 0x45;
    f[p + 1] = 0;
    put16(f, p + 2, totalLength);
    put16(f, p + 4, id);
    put16(f, p + 6, flagsOffset);
    f[p + 8] = (byte) src.ttl;
    f[p + 9] = (byte) protocol;
    put16(f, p + 10, 0);
    System.arraycopy(src.address, 0, f, p + 12, 4);
    System.arraycopy(dst.address, 0, f, p + 16, 4);
    put16(f, p + 10, Checksum.finish(Checksum.add(0, f, p, 20)));
  }

  private void ipv6Header(int p, Endpoint src, Endpoint dst, int nextHeader, int payloadLength) {
    byte[] f = frame;
    put32(f, p, 0x60000000);
    put16(f, p + 4, payloadLength);
    f[p + 6] = (byte) nextHeader;
    f[p + 7] = (byte) src.ttl;
    System.arraycopy(src.address, 0, f, p + 8, 16);
    System.arraycopy(dst.address, 0, f, p + 24, 16);
  }

  /** Short frames are padded to the Ethernet minimum, as a capture on the receiving side shows. */
  private int emit(FrameSink out, long ts, int length) throws IOException {
    if (length < MIN_FRAME) {
      java.util.Arrays.fill(frame, length, MIN_FRAME, (byte) 0);
      length = MIN_FRAME;
    }
    out.frame(ts, frame, 0, length);
    frames++;
    return 1;
  }

  private int nextIpv4Id() {
    int id = ipv4Id;
    ipv4Id = (ipv4Id + 1) & 0xFFFF;
    return id;
  }

  private static void checkFamilies(Endpoint src, Endpoint dst) {
    if (src.isIpv6() != dst.isIpv6()) {
      throw new IllegalArgumentException("mixed address families: " + src + " -> " + dst);
    }
  }

  static void put16(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
  }

  static void put32(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
