package org.pcap2hdfs.testing;

import java.nio.file.Path;
import org.pcap2hdfs.packet.LinkTypes;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Scenario captures committed under {@code src/test/resources/pcap/fixtures}, written by this class
 * (run {@link #main} to regenerate; a test checks the committed bytes are what it writes).
 */
public final class Fixtures {
  public static final long T0 = 1_700_000_000_000_000L;

  private Fixtures() {}

  /**
   * Responses without a question section, each matching its query on client address, port and id: a
   * rate-limit slip (TC, NOERROR), a FORMERR, a NOTIMP and a BADKEY-style NOTAUTH.
   */
  public static byte[] noQuestionResponses() {
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    int[] rcodes = {Rcode.NOERROR, Rcode.FORMERR, Rcode.NOTIMP, Rcode.NOTAUTH};
    String[] names = {
      "slip.example.ca", "formerr.example.ca", "notimp.example.ca", "badkey.example.ca"
    };
    long t = T0;
    for (int i = 0; i < rcodes.length; i++) {
      int id = 0x1000 + i;
      int port = 33000 + i;
      Message q = Dns.query(id, names[i], i == 2 ? 255 : 1);
      pcap.add(t, udp("203.0.113.9", port, "192.0.2.53", 53, q.toWire()));
      Message r = Dns.responseWithoutQuestion(id, rcodes[i], i == 0);
      pcap.add(t + 300, udp("192.0.2.53", 53, "203.0.113.9", port, r.toWire()));
      t += 1000;
    }
    return pcap.bytes();
  }

  static byte[] udp(String src, int sport, String dst, int dport, byte[] dns) {
    return Packets.ethernet(Packets.ipv4(src, dst, 17, Packets.udp(sport, dport, dns)));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/pcap/fixtures");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve("no-question-responses.pcap"), noQuestionResponses());
  }
}
