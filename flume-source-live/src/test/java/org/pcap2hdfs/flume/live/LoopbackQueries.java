package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A fixed list of queries to {@link NsdServer}'s zone over UDP and TCP (dnsjava), and the rows they
 * make, as {@code qname qtype prot rcode}: what the live-capture tests send and expect.
 */
public final class LoopbackQueries {
  private LoopbackQueries() {}

  /** qname, qtype, transport, expected rcode. */
  public static final Object[][] QUERIES = {
    {"www.example.test.", Type.A, "udp", Rcode.NOERROR},
    {"mail.example.test.", Type.AAAA, "udp", Rcode.NOERROR},
    {"txt.example.test.", Type.TXT, "udp", Rcode.NOERROR},
    {"nope.example.test.", Type.A, "udp", Rcode.NXDOMAIN},
    {"www.example.test.", Type.AAAA, "udp", Rcode.NOERROR},
    {"www.example.test.", Type.A, "tcp", Rcode.NOERROR},
    {"gone.example.test.", Type.A, "tcp", Rcode.NXDOMAIN},
    {"example.test.", Type.SOA, "tcp", Rcode.NOERROR},
  };

  /** Sends every query to 127.0.0.1:{@code port}, in order, and checks NSD's rcodes. */
  public static void sendAll(int port) throws Exception {
    SimpleResolver udp = resolver(port, false);
    SimpleResolver tcp = resolver(port, true);
    for (Object[] q : QUERIES) {
      Message m =
          Message.newQuery(
              Record.newRecord(Name.fromString((String) q[0]), (Integer) q[1], DClass.IN));
      Message r = ("tcp".equals(q[2]) ? tcp : udp).send(m);
      assertThat(r.getRcode()).as("NSD's answer to " + q[0]).isEqualTo(q[3]);
    }
  }

  /** The rows of {@link #QUERIES}, each as {@link #describe}. */
  public static List<String> expected() {
    List<String> expected = new ArrayList<>();
    for (Object[] q : QUERIES) {
      String name = ((String) q[0]).replaceAll("\\.$", "");
      expected.add(name + " " + q[1] + " " + ("tcp".equals(q[2]) ? 6 : 17) + " " + q[3]);
    }
    return expected;
  }

  /** A row as {@code qname qtype prot rcode}. */
  public static String describe(GenericRecord r) {
    return r.get("qname") + " " + r.get("qtype") + " " + r.get("prot") + " " + r.get("rcode");
  }

  /** Whether NSD on {@code port} answers its zone's SOA over UDP. */
  public static boolean answers(int port) {
    try {
      Message m =
          Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.SOA, DClass.IN));
      return resolver(port, false).send(m).getRcode() == Rcode.NOERROR;
    } catch (Exception e) {
      return false;
    }
  }

  private static SimpleResolver resolver(int port, boolean tcp) throws Exception {
    SimpleResolver r = new SimpleResolver("127.0.0.1");
    r.setPort(port);
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }
}
