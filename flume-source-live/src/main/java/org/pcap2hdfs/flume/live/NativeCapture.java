package org.pcap2hdfs.flume.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A libpcap capture through {@link LibPcap}: per packet one native call and one copy of its bytes
 * into a new array for the queue; the header and data pointers live in memory allocated once.
 */
final class NativeCapture implements PacketCapture {
  private final Pointer pcap;
  private final String name;
  private final int linkType;
  private final Memory headerRef = new Memory(Native.POINTER_SIZE);
  private final Memory dataRef = new Memory(Native.POINTER_SIZE);
  private final Memory stat = new Memory(LibPcap.STAT_SIZE);
  private static final boolean LONG_8 = Native.LONG_SIZE == 8;
  private final byte[] header = new byte[LibPcap.HDR_LEN + 4];
  private final ByteBuffer headerView = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
  private volatile boolean closed;

  private NativeCapture(Pointer pcap, String name) {
    this.pcap = pcap;
    this.name = name;
    this.linkType = LibPcap.pcap_datalink(pcap);
  }

  /** Opens {@code config.interfaceName} with its snaplen, buffer, mode and BPF filter. */
  static PacketCapture open(LiveSourceConfig config) throws IOException {
    byte[] errbuf = new byte[LibPcap.ERRBUF_SIZE];
    Pointer p = LibPcap.pcap_create(config.interfaceName, errbuf);
    if (p == null) {
      throw new IOException(
          "cannot open interface " + config.interfaceName + ": " + LibPcap.message(errbuf));
    }
    try {
      LibPcap.pcap_set_snaplen(p, config.snaplen);
      LibPcap.pcap_set_promisc(p, config.promiscuous ? 1 : 0);
      LibPcap.pcap_set_timeout(p, config.readTimeoutMillis);
      LibPcap.pcap_set_buffer_size(p, config.bufferSize);
      LibPcap.pcap_set_tstamp_precision(p, LibPcap.TSTAMP_PRECISION_MICRO);
      int rc = LibPcap.pcap_activate(p);
      if (rc < 0) {
        String status = LibPcap.pcap_statustostr(rc);
        String detail = LibPcap.pcap_geterr(p);
        throw new IOException(
            "cannot capture on "
                + config.interfaceName
                + ": "
                + status
                + (detail == null || detail.isEmpty() || detail.equals(status)
                    ? ""
                    : " (" + detail + ")"));
      }
      if (config.filter != null) {
        setFilter(p, config.filter);
      }
      return new NativeCapture(p, config.interfaceName);
    } catch (IOException | RuntimeException e) {
      LibPcap.pcap_close(p);
      throw e;
    }
  }

  /** A savefile, read like an interface (for benchmarks of the read path). */
  static NativeCapture openOffline(String file) throws IOException {
    byte[] errbuf = new byte[LibPcap.ERRBUF_SIZE];
    Pointer p = LibPcap.pcap_open_offline(file, errbuf);
    if (p == null) {
      throw new IOException(LibPcap.message(errbuf));
    }
    return new NativeCapture(p, file);
  }

  private static void setFilter(Pointer p, String filter) throws IOException {
    Memory program = new Memory(LibPcap.BPF_PROGRAM_SIZE);
    program.clear();
    if (LibPcap.pcap_compile(p, program, filter, 1, 0xFFFFFFFF) != 0) {
      throw new IOException("filter '" + filter + "' rejected: " + LibPcap.pcap_geterr(p));
    }
    try {
      if (LibPcap.pcap_setfilter(p, program) != 0) {
        throw new IOException("filter '" + filter + "' not set: " + LibPcap.pcap_geterr(p));
      }
    } finally {
      LibPcap.pcap_freecode(program);
    }
  }

  @Override
  public int linkType() {
    return linkType;
  }

  @Override
  public CapturedPacket next(CaptureSegment segment) throws IOException {
    int rc = LibPcap.pcap_next_ex(pcap, headerRef, dataRef);
    if (rc == 0) {
      return null;
    }
    if (rc < 0) {
      throw new IOException(
          rc == -2
              ? "capture on " + name + " ended"
              : "capture on " + name + " failed: " + LibPcap.pcap_geterr(pcap));
    }
    // The header in one native read, then decoded here (each Pointer.getX is a native call).
    headerRef.getPointer(0).read(0, header, 0, header.length);
    ByteBuffer h = headerView;
    long sec = LONG_8 ? h.getLong(LibPcap.HDR_TV_SEC) : h.getInt(LibPcap.HDR_TV_SEC);
    long usec = LONG_8 ? h.getLong(LibPcap.HDR_TV_USEC) : h.getInt(LibPcap.HDR_TV_USEC);
    int caplen = h.getInt(LibPcap.HDR_CAPLEN);
    int len = h.getInt(LibPcap.HDR_LEN);
    byte[] data = new byte[caplen];
    dataRef.getPointer(0).read(0, data, 0, caplen);
    return new CapturedPacket(data, sec * 1_000_000 + usec, len, segment);
  }

  @Override
  public KernelStats stats() throws IOException {
    if (LibPcap.pcap_stats(pcap, stat) != 0) {
      throw new IOException("pcap_stats on " + name + " failed: " + LibPcap.pcap_geterr(pcap));
    }
    return new KernelStats(
        Integer.toUnsignedLong(stat.getInt(0)),
        Integer.toUnsignedLong(stat.getInt(4)),
        Integer.toUnsignedLong(stat.getInt(8)));
  }

  @Override
  public synchronized void wakeUp() {
    if (!closed) {
      LibPcap.pcap_breakloop(pcap);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      LibPcap.pcap_close(pcap);
    }
  }
}
