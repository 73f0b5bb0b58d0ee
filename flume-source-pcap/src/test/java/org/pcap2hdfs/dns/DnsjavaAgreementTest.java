package org.pcap2hdfs.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.BundledMessages;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The hot-path parser against dnsjava's full {@code Message} parser, message by message, on every
 * bundled capture: where dnsjava reads a message, both must agree on header, question (the qname
 * text against dnsjava's canonical name, A-Z lower-cased), the smallest answer TTL and OPT. The
 * EDNS option columns are compared with dnsjava in {@code
 * org.pcap2hdfs.decode.DnsjavaEdnsAgreementTest}.
 */
class DnsjavaAgreementTest {

  @Test
  void agreesWithDnsjavaOnEveryMessageDnsjavaCanRead() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int[] compared = {0};
    int[] dnsjavaRejected = {0};
    DnsParser parser = new DnsParser();
    DnsMessage ours = new DnsMessage();
    BundledMessages.forEach(
        (capture, bytes, wire) -> {
          Message m;
          try {
            m = new Message(bytes);
          } catch (Exception e) {
            dnsjavaRejected[0]++;
            return;
          }
          compared[0]++;
          parser.parse(bytes, 0, bytes.length, wire, ours);
          String diff = compare(m, ours);
          if (diff != null) {
            disagreements.add(capture.getFileName() + ": " + diff);
          }
        });
    assertThat(disagreements).isEmpty();
    assertThat(compared[0]).isGreaterThan(48_000);
    assertThat(dnsjavaRejected[0]).isLessThan(10);
  }

  private static String compare(Message m, DnsMessage ours) {
    org.xbill.DNS.Header h = m.getHeader();
    if (h.getID() != ours.id) {
      return "id " + h.getID() + " vs " + ours.id;
    }
    if ((ours.flags & 0xFFFF) != (flagsWord(m) & 0xFFFF)) {
      return "flags "
          + Integer.toHexString(flagsWord(m))
          + " vs "
          + Integer.toHexString(ours.flags);
    }
    for (int s = 0; s < 4; s++) {
      int theirs = h.getCount(s);
      int mine =
          s == 0 ? ours.qdcount : s == 1 ? ours.ancount : s == 2 ? ours.nscount : ours.arcount;
      if (theirs != mine) {
        return "count " + s + " " + theirs + " vs " + mine;
      }
    }
    Record q = m.getQuestion();
    if ((q != null) != ours.hasQuestion) {
      return "question present " + (q != null) + " vs " + ours.hasQuestion;
    }
    if (q != null) {
      String name = q.getName().canonicalize().toString(true);
      if (name.isEmpty()) {
        name = ".";
      }
      if (!name.equals(ours.qname.toString())) {
        return "qname " + name + " vs " + ours.qname;
      }
      if (q.getType() != ours.qtype || q.getDClass() != ours.qclass) {
        return "qtype/qclass "
            + q.getType()
            + "/"
            + q.getDClass()
            + " vs "
            + ours.qtype
            + "/"
            + ours.qclass;
      }
    }
    long minTtl = -1;
    for (Record a : m.getSection(Section.ANSWER)) {
      long ttl = a.getTTL() > Integer.MAX_VALUE ? 0 : a.getTTL(); // RFC 2181 section 8
      if (a.getType() != Type.OPT && (minTtl < 0 || ttl < minTtl)) {
        minTtl = ttl;
      }
    }
    if (minTtl != ours.minAnswerTtl) {
      return "smallest answer TTL " + minTtl + " vs " + ours.minAnswerTtl;
    }
    OPTRecord opt = m.getOPT();
    if ((opt != null) != ours.hasOpt) {
      return "OPT present " + (opt != null) + " vs " + ours.hasOpt;
    }
    if (opt != null) {
      if (opt.getPayloadSize() != ours.ednsUdpSize
          || opt.getVersion() != ours.ednsVersion
          || ((opt.getFlags() & 0x8000) != 0) != ours.ednsDo
          || m.getRcode() != ours.rcode()) {
        return "OPT "
            + opt
            + " rcode "
            + m.getRcode()
            + " vs udp "
            + ours.ednsUdpSize
            + " rcode "
            + ours.rcode();
      }
    }
    return null;
  }

  private static int flagsWord(Message m) {
    byte[] wire = m.getHeader().toWire();
    return (wire[2] & 0xFF) << 8 | (wire[3] & 0xFF);
  }
}
