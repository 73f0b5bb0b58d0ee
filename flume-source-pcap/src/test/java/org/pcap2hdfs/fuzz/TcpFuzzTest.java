package org.pcap2hdfs.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;

/**
 * The TCP path: one DNS connection whose segments (direction, sequence number near the stream's
 * start, flags, payload, time step) all come from the fuzzer, so that reassembly sees overlaps,
 * holes, retransmissions, SYN/FIN/RST anywhere and length prefixes split anywhere, without having
 * to find a valid pcap, Ethernet, IP and TCP header first.
 */
class TcpFuzzTest {
  static {
    FuzzDecode.warmUp();
  }

  private static final long T0 = 1_700_000_000_000_000L;
  private static final long CLIENT_ISN = 1000;
  private static final long SERVER_ISN = 4_000_000_000L;

  public static void fuzzerTestOneInput(FuzzedDataProvider in) throws Exception {
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    long t = T0;
    int segments = in.consumeInt(1, 40);
    for (int i = 0; i < segments && in.remainingBytes() > 0; i++) {
      boolean fromClient = in.consumeBoolean();
      int flags = in.consumeInt(0, 0x3F);
      long seq = (fromClient ? CLIENT_ISN : SERVER_ISN) + in.consumeInt(-64, 70_000);
      byte[] payload = in.consumeBytes(in.consumeInt(0, 1400));
      t += in.consumeInt(0, 5_000_000);
      byte[] tcp =
          fromClient
              ? Packets.tcp(40000, 53, seq, flags, payload)
              : Packets.tcp(53, 40000, seq, flags, payload);
      long ack = (fromClient ? SERVER_ISN : CLIENT_ISN) + in.consumeInt(-64, 70_000);
      java.nio.ByteBuffer.wrap(tcp).putInt(8, (int) ack);
      String src = fromClient ? "192.0.2.1" : "192.0.2.53";
      String dst = fromClient ? "192.0.2.53" : "192.0.2.1";
      pcap.add(t, Packets.ethernet(Packets.ipv4(src, dst, 6, tcp)));
    }
    FuzzDecode.capture(pcap.bytes());
  }

  @FuzzTest(maxDuration = "20s")
  void segments(FuzzedDataProvider in) throws Exception {
    fuzzerTestOneInput(in);
  }
}
