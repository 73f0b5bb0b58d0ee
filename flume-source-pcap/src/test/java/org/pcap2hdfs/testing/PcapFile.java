package org.pcap2hdfs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes classic pcap files (microsecond, little-endian unless asked otherwise) for tests. */
public final class PcapFile {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;
  private final boolean nanos;

  public PcapFile(int linkType) {
    this(linkType, ByteOrder.LITTLE_ENDIAN, false);
  }

  public PcapFile(int linkType, ByteOrder order, boolean nanos) {
    this.order = order;
    this.nanos = nanos;
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4);
    h.putInt(0).putInt(0).putInt(262144).putInt(linkType);
    out.writeBytes(h.array());
  }

  /** Adds a record captured at {@code micros} since the epoch. */
  public PcapFile add(long micros, byte[] frame) {
    return add(micros, frame, frame.length);
  }

  /** Adds a record whose wire length is {@code originalLength} (larger when cut by snaplen). */
  public PcapFile add(long micros, byte[] frame, int originalLength) {
    ByteBuffer r = ByteBuffer.allocate(16).order(order);
    r.putInt((int) (micros / 1_000_000));
    r.putInt((int) (nanos ? (micros % 1_000_000) * 1000 : micros % 1_000_000));
    r.putInt(frame.length).putInt(originalLength);
    out.writeBytes(r.array());
    out.writeBytes(frame);
    return this;
  }

  /** Raw bytes appended as they are (to build broken files). */
  public PcapFile raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  public Path write(Path path) throws IOException {
    Files.write(path, bytes());
    return path;
  }
}
