package org.pcap2hdfs.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes pcapng for tests: sections, interfaces (with if_tsresol), EPB, SPB and any block. */
public final class PcapNgFile {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

  /** Starts a section in the given byte order (interfaces restart from 0). */
  public PcapNgFile section(ByteOrder order) {
    this.order = order;
    ByteBuffer body = ByteBuffer.allocate(16).order(order);
    body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
    return block(0x0A0D0D0A, body.array());
  }

  /** An interface; {@code tsresol} is the if_tsresol option byte, or -1 for the default (µs). */
  public PcapNgFile iface(int linkType, int tsresol) {
    ByteBuffer body = ByteBuffer.allocate(tsresol >= 0 ? 20 : 8).order(order);
    body.putShort((short) linkType).putShort((short) 0).putInt(262144);
    if (tsresol >= 0) {
      body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
      body.putShort((short) 0).putShort((short) 0);
    }
    return block(1, body.array());
  }

  /** An enhanced packet block; {@code ticks} in the interface's resolution. */
  public PcapNgFile packet(int iface, long ticks, byte[] frame) {
    ByteBuffer body = ByteBuffer.allocate(20 + pad(frame.length)).order(order);
    body.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks);
    body.putInt(frame.length).putInt(frame.length).put(frame);
    return block(6, body.array());
  }

  /** A simple packet block (interface 0, no timestamp). */
  public PcapNgFile simplePacket(byte[] frame) {
    ByteBuffer body = ByteBuffer.allocate(4 + pad(frame.length)).order(order);
    body.putInt(frame.length).put(frame);
    return block(3, body.array());
  }

  public PcapNgFile block(int type, byte[] body) {
    int total = 12 + pad(body.length);
    ByteBuffer b = ByteBuffer.allocate(total).order(order);
    b.putInt(type).putInt(total).put(body);
    b.position(total - 4);
    b.putInt(total);
    out.writeBytes(b.array());
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  private static int pad(int n) {
    return (n + 3) & ~3;
  }
}
