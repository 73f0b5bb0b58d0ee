package org.pcap2hdfs.capture;

import java.io.IOException;
import java.io.InputStream;

/** Classic libpcap files: microsecond or nanosecond magic, either byte order. */
final class PcapReader implements CaptureReader {
  static final int MAGIC_MICROS = 0xA1B2C3D4;
  static final int MAGIC_NANOS = 0xA1B23C4D;
  private static final int GLOBAL_HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private final InputStream stream;
  private final InputBuffer in;
  private final boolean bigEndian;
  private final boolean nanos;
  private final int linkType;
  private final int maxRecord;

  PcapReader(InputStream stream, InputBuffer in) throws IOException {
    this.stream = stream;
    this.in = in;
    if (!in.ensure(GLOBAL_HEADER)) {
      throw new NotACaptureException(
          "truncated pcap global header (" + in.available() + " of 24 bytes)");
    }
    byte[] b = in.buf;
    int p = in.pos;
    int magicBe = Bytes.int32(b, p, true);
    int magicLe = Bytes.int32(b, p, false);
    if (magicBe == MAGIC_MICROS || magicBe == MAGIC_NANOS) {
      bigEndian = true;
      nanos = magicBe == MAGIC_NANOS;
    } else if (magicLe == MAGIC_MICROS || magicLe == MAGIC_NANOS) {
      bigEndian = false;
      nanos = magicLe == MAGIC_NANOS;
    } else {
      throw new NotACaptureException(String.format("unknown pcap magic 0x%08x", magicBe));
    }
    long snaplen = Bytes.uint32(b, p + 16, bigEndian);
    // FCS bits live in the upper bits of the link type field (pcap-savefile.5).
    linkType = Bytes.int32(b, p + 20, bigEndian) & 0x0FFFFFFF;
    maxRecord = (int) Math.max(Limits.MAX_RECORD, Math.min(snaplen, Limits.MAX_RECORD_HARD));
    in.pos += GLOBAL_HEADER;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    if (!in.ensure(RECORD_HEADER)) {
      if (in.available() == 0) {
        return false;
      }
      throw new CaptureFaultException("capture cut inside a record header", in.position());
    }
    byte[] b = in.buf;
    int p = in.pos;
    long seconds = Bytes.uint32(b, p, bigEndian);
    long fraction = Bytes.uint32(b, p + 4, bigEndian);
    long captured = Bytes.uint32(b, p + 8, bigEndian);
    long original = Bytes.uint32(b, p + 12, bigEndian);
    if (captured > maxRecord) {
      throw new CaptureFaultException(
          "record claims " + captured + " captured bytes", in.position());
    }
    int len = (int) captured;
    if (!in.ensure(RECORD_HEADER + len)) {
      throw new CaptureFaultException("capture cut inside a record", in.position());
    }
    frame.timestampMicros = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
    frame.linkType = linkType;
    frame.data = in.buf;
    frame.offset = in.pos + RECORD_HEADER;
    frame.capturedLength = len;
    frame.originalLength = (int) Math.min(Math.max(original, captured), Integer.MAX_VALUE);
    in.pos += RECORD_HEADER + len;
    return true;
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public String format() {
    return nanos ? "pcap-ns" : "pcap";
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
