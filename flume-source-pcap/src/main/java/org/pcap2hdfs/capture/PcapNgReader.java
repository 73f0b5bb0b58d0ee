package org.pcap2hdfs.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * pcapng: section header blocks in either byte order, interface descriptions with their own link
 * type and timestamp resolution, enhanced, simple and obsolete packet blocks. Other blocks are
 * skipped.
 */
final class PcapNgReader implements CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int OPB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int OPT_END = 0;
  private static final int OPT_IF_TSRESOL = 9;
  private static final int OPT_IF_TSOFFSET = 14;

  private final InputStream stream;
  private final InputBuffer in;
  private boolean bigEndian;
  private Interface[] interfaces = new Interface[4];
  private int interfaceCount;

  /** What an interface description block says about the packets of that interface. */
  private static final class Interface {
    int linkType;
    long snaplen;
    long unitsPerSecond = 1_000_000L;
    long offsetSeconds;
  }

  PcapNgReader(InputStream stream, InputBuffer in) throws IOException {
    this.stream = stream;
    this.in = in;
    if (!in.ensure(12)) {
      throw new NotACaptureException("truncated pcapng section header");
    }
    readSectionHeader(true);
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    while (true) {
      if (!in.ensure(12)) {
        if (in.available() == 0) {
          return false;
        }
        throw new CaptureFaultException("capture cut inside a block header", in.position());
      }
      int type = Bytes.int32(in.buf, in.pos, bigEndian);
      if (type == SHB) {
        readSectionHeader(false);
        continue;
      }
      long total = Bytes.uint32(in.buf, in.pos + 4, bigEndian);
      if (total < 12 || (total & 3) != 0 || total > Limits.MAX_RECORD_HARD) {
        throw new CaptureFaultException(
            "block of type " + type + " claims length " + total, in.position());
      }
      int len = (int) total;
      if (!in.ensure(len)) {
        throw new CaptureFaultException("capture cut inside a block", in.position());
      }
      int start = in.pos;
      boolean packet;
      switch (type) {
        case EPB:
          packet = packet(frame, start, len, false);
          break;
        case SPB:
          packet = simplePacket(frame, start, len);
          break;
        case OPB:
          packet = packet(frame, start, len, true);
          break;
        case IDB:
          interfaceDescription(start, len);
          packet = false;
          break;
        default:
          packet = false;
      }
      in.pos = start + len;
      if (packet) {
        return true;
      }
    }
  }

  private void readSectionHeader(boolean first) throws IOException {
    if (!in.ensure(12)) {
      throw fault(first, "truncated section header block");
    }
    int p = in.pos;
    int magicBe = Bytes.int32(in.buf, p + 8, true);
    if (magicBe == BYTE_ORDER_MAGIC) {
      bigEndian = true;
    } else if (Bytes.int32(in.buf, p + 8, false) == BYTE_ORDER_MAGIC) {
      bigEndian = false;
    } else {
      throw fault(first, String.format("bad pcapng byte-order magic 0x%08x", magicBe));
    }
    long total = Bytes.uint32(in.buf, p + 4, bigEndian);
    if (total < 28 || (total & 3) != 0 || total > Limits.MAX_RECORD_HARD) {
      throw fault(first, "section header block claims length " + total);
    }
    if (!in.ensure((int) total)) {
      throw fault(first, "truncated section header block");
    }
    int major = Bytes.uint16(in.buf, p + 12, bigEndian);
    if (major != 1) {
      throw fault(first, "unsupported pcapng version " + major);
    }
    Arrays.fill(interfaces, null);
    interfaceCount = 0;
    in.pos = p + (int) total;
  }

  private IOException fault(boolean atStart, String message) {
    return atStart
        ? new NotACaptureException(message)
        : new CaptureFaultException(message, in.position());
  }

  private void interfaceDescription(int start, int len) throws CaptureFaultException {
    if (len < 20) {
      throw new CaptureFaultException("interface description block too short", in.position());
    }
    byte[] b = in.buf;
    Interface itf = new Interface();
    itf.linkType = Bytes.uint16(b, start + 8, bigEndian);
    itf.snaplen = Bytes.uint32(b, start + 12, bigEndian);
    int p = start + 16;
    int end = start + len - 4;
    while (p + 4 <= end) {
      int code = Bytes.uint16(b, p, bigEndian);
      int optLen = Bytes.uint16(b, p + 2, bigEndian);
      if (code == OPT_END || p + 4 + optLen > end) {
        break;
      }
      if (code == OPT_IF_TSRESOL && optLen >= 1) {
        int v = b[p + 4] & 0xFF;
        int exp = v & 0x7F;
        if ((v & 0x80) == 0 && exp <= 18) {
          itf.unitsPerSecond = pow10(exp);
        } else if ((v & 0x80) != 0 && exp <= 62) {
          itf.unitsPerSecond = 1L << exp;
        }
      } else if (code == OPT_IF_TSOFFSET && optLen >= 8) {
        long hi = Bytes.uint32(b, p + 4, bigEndian);
        long lo = Bytes.uint32(b, p + 8, bigEndian);
        itf.offsetSeconds = bigEndian ? (hi << 32) | lo : (lo << 32) | hi;
      }
      p += 4 + ((optLen + 3) & ~3);
    }
    if (interfaceCount == interfaces.length) {
      interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
    }
    interfaces[interfaceCount++] = itf;
  }

  private Interface interfaceOf(long id) throws CaptureFaultException {
    if (id >= interfaceCount) {
      throw new CaptureFaultException("packet for undeclared interface " + id, in.position());
    }
    return interfaces[(int) id];
  }

  /**
   * An enhanced packet block, or the obsolete packet block it replaced: the same layout but for a
   * 16-bit interface id (followed by a drops count) instead of a 32-bit one.
   */
  private boolean packet(Frame frame, int start, int len, boolean obsolete)
      throws CaptureFaultException {
    if (len < 32) {
      throw new CaptureFaultException("packet block too short", in.position());
    }
    byte[] b = in.buf;
    long id =
        obsolete ? Bytes.uint16(b, start + 8, bigEndian) : Bytes.uint32(b, start + 8, bigEndian);
    Interface itf = interfaceOf(id);
    long ticks =
        (Bytes.uint32(b, start + 12, bigEndian) << 32) | Bytes.uint32(b, start + 16, bigEndian);
    long captured = Bytes.uint32(b, start + 20, bigEndian);
    long original = Bytes.uint32(b, start + 24, bigEndian);
    if (captured > len - 32) {
      throw new CaptureFaultException("packet data longer than its block", in.position());
    }
    fill(frame, itf, ticks, start + 28, (int) captured, original);
    return true;
  }

  private boolean simplePacket(Frame frame, int start, int len) throws CaptureFaultException {
    if (len < 16) {
      throw new CaptureFaultException("simple packet block too short", in.position());
    }
    Interface itf = interfaceOf(0);
    long original = Bytes.uint32(in.buf, start + 8, bigEndian);
    long captured = Math.min(original, len - 16);
    if (itf.snaplen > 0) {
      captured = Math.min(captured, itf.snaplen);
    }
    // A simple packet block has no timestamp: it inherits none, so 0 marks "unknown".
    fill(frame, itf, -1, start + 12, (int) captured, original);
    return true;
  }

  private void fill(
      Frame frame, Interface itf, long ticks, int dataOffset, int captured, long original) {
    frame.linkType = itf.linkType;
    frame.data = in.buf;
    frame.offset = dataOffset;
    frame.capturedLength = captured;
    frame.originalLength = (int) Math.min(Math.max(original, captured), Integer.MAX_VALUE);
    frame.timestampMicros =
        ticks < 0 ? 0 : toMicros(ticks, itf.unitsPerSecond) + itf.offsetSeconds * 1_000_000L;
  }

  static long toMicros(long ticks, long unitsPerSecond) {
    if (unitsPerSecond == 1_000_000L) {
      return ticks;
    }
    long seconds = ticks / unitsPerSecond;
    long rest = ticks % unitsPerSecond;
    long micros =
        unitsPerSecond <= 9_000_000_000_000L
            ? rest * 1_000_000L / unitsPerSecond
            : (long) ((double) rest * 1e6 / unitsPerSecond);
    return seconds * 1_000_000L + micros;
  }

  private static long pow10(int exp) {
    long v = 1;
    for (int i = 0; i < exp; i++) {
      v *= 10;
    }
    return v;
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public String format() {
    return "pcapng";
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
