package org.pcap2hdfs.flume.live;

import java.io.EOFException;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

/** A libpcap capture through pcap4j: raw bytes only (no pcap4j packet decoding). */
final class Pcap4jCapture implements PacketCapture {
  private final PcapHandle handle;
  private final int linkType;

  private Pcap4jCapture(PcapHandle handle) {
    this.handle = handle;
    this.linkType = handle.getDlt().value();
  }

  /** Opens {@code config.interfaceName} with its snaplen, buffer, mode and BPF filter. */
  static PacketCapture open(LiveSourceConfig config) throws IOException {
    PcapHandle h;
    try {
      h =
          new PcapHandle.Builder(config.interfaceName)
              .snaplen(config.snaplen)
              .bufferSize(config.bufferSize)
              .promiscuousMode(
                  config.promiscuous ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
              .timeoutMillis(config.readTimeoutMillis)
              .timestampPrecision(PcapHandle.TimestampPrecision.MICRO)
              .build();
    } catch (PcapNativeException | RuntimeException e) {
      throw new IOException("cannot open interface " + config.interfaceName + ": " + e, e);
    }
    try {
      if (config.filter != null) {
        h.setFilter(config.filter, BpfProgram.BpfCompileMode.OPTIMIZE);
      }
      return new Pcap4jCapture(h);
    } catch (PcapNativeException | NotOpenException | RuntimeException e) {
      h.close();
      throw new IOException("filter '" + config.filter + "' rejected: " + e.getMessage(), e);
    }
  }

  @Override
  public int linkType() {
    return linkType;
  }

  @Override
  public CapturedPacket next(CaptureSegment segment) throws IOException {
    byte[] data;
    try {
      data = handle.getNextRawPacketEx();
    } catch (TimeoutException e) {
      return null;
    } catch (EOFException | PcapNativeException | NotOpenException e) {
      throw new IOException("capture on the interface failed: " + e.getMessage(), e);
    }
    Timestamp t = handle.getTimestamp();
    long micros = Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
    Integer original = handle.getOriginalLength();
    return new CapturedPacket(data, micros, original == null ? data.length : original, segment);
  }

  @Override
  public KernelStats stats() throws IOException {
    try {
      PcapStat s = handle.getStats();
      return new KernelStats(
          s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
    } catch (PcapNativeException | NotOpenException e) {
      throw new IOException("pcap_stats failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void wakeUp() {
    // libpcap (1.10 on Linux) wakes a read blocked in poll(); without packets the read timeout
    // would never end it.
    try {
      handle.breakLoop();
    } catch (NotOpenException e) {
      // closed already: nothing is blocked
    }
  }

  @Override
  public void close() {
    handle.close();
  }
}
