package org.pcap2hdfs.flume.live;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libpcap functions live capture needs, bound with JNA's direct mapping (no per-call
 * argument conversion). Structures are read from preallocated memory by offset (x86-64 and other
 * LP64 Linux layouts).
 */
final class LibPcap {
  static final int ERRBUF_SIZE = 256;
  static final int TSTAMP_PRECISION_MICRO = 0;

  /** struct pcap_pkthdr: timeval (two longs), caplen, len. */
  static final int HDR_TV_SEC = 0;

  static final int HDR_TV_USEC = Native.LONG_SIZE;
  static final int HDR_CAPLEN = 2 * Native.LONG_SIZE;
  static final int HDR_LEN = HDR_CAPLEN + 4;

  /** struct bpf_program: u_int bf_len, then a pointer. */
  static final int BPF_PROGRAM_SIZE = 2 * Native.POINTER_SIZE;

  /** struct pcap_stat: ps_recv, ps_drop, ps_ifdrop (u_int each). */
  static final int STAT_SIZE = 12;

  static {
    Native.register(LibPcap.class, NativeLibrary.getInstance("pcap"));
  }

  private LibPcap() {}

  static native Pointer pcap_create(String source, byte[] errbuf);

  static native Pointer pcap_open_offline(String fname, byte[] errbuf);

  static native int pcap_set_snaplen(Pointer p, int snaplen);

  static native int pcap_set_promisc(Pointer p, int promisc);

  static native int pcap_set_timeout(Pointer p, int millis);

  static native int pcap_set_buffer_size(Pointer p, int bytes);

  static native int pcap_set_tstamp_precision(Pointer p, int precision);

  static native int pcap_activate(Pointer p);

  static native int pcap_datalink(Pointer p);

  static native int pcap_compile(Pointer p, Pointer program, String filter, int optimize, int mask);

  static native int pcap_setfilter(Pointer p, Pointer program);

  static native void pcap_freecode(Pointer program);

  /** 1: a packet, 0: read timeout, -1: error, -2: pcap_breakloop or end of a savefile. */
  static native int pcap_next_ex(Pointer p, Pointer header, Pointer data);

  static native int pcap_stats(Pointer p, Pointer stats);

  static native void pcap_breakloop(Pointer p);

  static native void pcap_close(Pointer p);

  static native String pcap_geterr(Pointer p);

  static native String pcap_statustostr(int status);

  /** The NUL-terminated message in {@code errbuf}. */
  static String message(byte[] errbuf) {
    int n = 0;
    while (n < errbuf.length && errbuf[n] != 0) {
      n++;
    }
    return new String(errbuf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }
}
