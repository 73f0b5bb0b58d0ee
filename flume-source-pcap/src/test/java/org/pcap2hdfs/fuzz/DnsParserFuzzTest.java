package org.pcap2hdfs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.dns.DnsParser;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;

/**
 * The DNS message parser on raw message bytes: whole, cut short of its wire length (a snaplen), and
 * then carried in a UDP query and a UDP response of a capture, so that the parsed message also goes
 * through the join, the row builder (names, EDNS columns, public suffixes) and the Avro encoding.
 * Seeds: DNS messages taken from the test captures, in {@code DnsParserFuzzTestInputs/parse}.
 */
class DnsParserFuzzTest {
  static {
    FuzzDecode.warmUp();
  }

  private static final long T0 = 1_700_000_000_000_000L;

  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    DnsParser parser = new DnsParser();
    DnsMessage m = new DnsMessage();
    boolean header = parser.parse(data, 0, data.length, data.length, m);
    if (header != data.length >= 12) {
      throw new AssertionError("header parsed " + header + " for " + data.length + " bytes");
    }
    if (data.length > 12) {
      // the same message behind some other bytes, cut in the middle, as in a frame at a snaplen
      byte[] framed = new byte[data.length + 7];
      System.arraycopy(data, 0, framed, 7, data.length);
      parser.parse(framed, 7, data.length / 2 + 6, data.length, m);
    }
    if (data.length > 1400) {
      return; // beyond one unfragmented UDP datagram: the parser alone is enough
    }
    byte[] query = Packets.udp(40000, 53, data);
    byte[] response = Packets.udp(53, 40000, data);
    PcapFile pcap =
        new PcapFile(LinkTypes.ETHERNET)
            .add(T0, Packets.ethernet(Packets.ipv4("192.0.2.1", "192.0.2.53", 17, query)))
            .add(
                T0 + 1000, Packets.ethernet(Packets.ipv4("192.0.2.53", "192.0.2.1", 17, response)));
    FuzzDecode.capture(pcap.bytes());
  }

  @FuzzTest(maxDuration = "20s")
  void parse(byte[] data) throws Exception {
    fuzzerTestOneInput(data);
  }
}
