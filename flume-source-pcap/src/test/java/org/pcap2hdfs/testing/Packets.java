package org.pcap2hdfs.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds link-layer frames (Ethernet/IPv4/IPv6/UDP/TCP) for tests, byte by byte. */
public final class Packets {
  private Packets() {}

  public static byte[] addr(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return b.array();
  }

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  public static byte[] tcp(int srcPort, int dstPort, long seq, int flags, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(0);
    b.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0).put(payload);
    return b.array();
  }

  /** DNS over TCP framing: the 2-byte length prefix. */
  public static byte[] lengthPrefixed(byte[]... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] m : messages) {
      out.write(m.length >>> 8);
      out.write(m.length & 0xFF);
      out.write(m, 0, m.length);
    }
    return out.toByteArray();
  }

  public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
    return ipv4(src, dst, protocol, 0, 0, false, payload);
  }

  /** An IPv4 packet; {@code fragmentOffset} in bytes (multiple of 8). */
  public static byte[] ipv4(
      String src,
      String dst,
      int protocol,
      int id,
      int fragmentOffset,
      boolean more,
      byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
    b.putShort((short) id).putShort((short) ((more ? 0x2000 : 0) | (fragmentOffset / 8)));
    b.put((byte) 64).put((byte) protocol).putShort((short) 0);
    b.put(addr(src)).put(addr(dst)).put(payload);
    return b.array();
  }

  public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
    b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64);
    b.put(addr(src)).put(addr(dst)).put(payload);
    return b.array();
  }

  /** An IPv6 fragment header followed by a slice of the fragmentable part. */
  public static byte[] ipv6Fragment(
      String src, String dst, int nextHeader, long id, int offset, boolean more, byte[] part) {
    ByteBuffer f = ByteBuffer.allocate(8 + part.length);
    f.put((byte) nextHeader).put((byte) 0).putShort((short) (offset | (more ? 1 : 0)));
    f.putInt((int) id).put(part);
    return ipv6(src, dst, 44, f.array());
  }

  public static byte[] ethernet(byte[] ipPacket) {
    int type = (ipPacket[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    ByteBuffer b = ByteBuffer.allocate(14 + ipPacket.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) type).put(ipPacket);
    return b.array();
  }

  /** Ethernet with one 802.1Q tag per entry of {@code tags} (the first may be 0x88a8 QinQ). */
  public static byte[] ethernetVlan(byte[] ipPacket, int... tpids) {
    int type = (ipPacket[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    ByteBuffer b = ByteBuffer.allocate(14 + 4 * tpids.length + ipPacket.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
    for (int i = 0; i < tpids.length; i++) {
      b.putShort((short) tpids[i]).putShort((short) (10 + i));
    }
    b.putShort((short) type).put(ipPacket);
    return b.array();
  }

  public static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }
}
