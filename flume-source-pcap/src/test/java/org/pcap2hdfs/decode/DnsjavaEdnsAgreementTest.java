package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcap2hdfs.row.Fields.*;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.dns.DnsParser;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.testing.BundledMessages;
import org.pcap2hdfs.testing.Dns;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DnssecAlgorithmOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TcpKeepaliveOption;

/**
 * The EDNS option columns against dnsjava's option parser, on every message of every bundled
 * capture that dnsjava reads: each message is taken both as a query (what a client sends: option
 * codes, client subnet family/prefix/address, cookie, DAU/DHU/N3U, padding, key tags, other codes)
 * and as a response (NSID, extended error codes, the server's UDP size), and the columns must be
 * what dnsjava's options give. Messages dnsjava rejects (e.g. a client subnet with address bits
 * beyond its prefix, which we take as it is) are counted, not compared.
 */
class DnsjavaEdnsAgreementTest {

  @Test
  void ednsColumnsAgreeWithDnsjavaOnEveryMessageDnsjavaCanRead() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int[] withOpt = {0};
    int[] dnsjavaRejected = {0};
    Map<Integer, Integer> optionsSeen = new TreeMap<>();
    BundledMessages.forEach(
        (capture, bytes, wire) -> {
          Message m;
          try {
            m = new Message(bytes);
          } catch (Exception e) {
            dnsjavaRejected[0]++;
            return;
          }
          OPTRecord opt = m.getOPT();
          if (opt == null) {
            return;
          }
          withOpt[0]++;
          for (EDNSOption o : opt.getOptions()) {
            optionsSeen.merge(o.getCode(), 1, Integer::sum);
          }
          String diff = compare(m, opt, bytes, wire);
          if (diff != null) {
            disagreements.add(capture.getFileName() + " id " + m.getHeader().getID() + ": " + diff);
          }
        });
    assertThat(disagreements).isEmpty();
    assertThat(withOpt[0]).isGreaterThan(1_000);
    assertThat(dnsjavaRejected[0]).isLessThan(10);
    // the bundled captures exercise every compared option
    assertThat(optionsSeen)
        .containsKeys(
            EdnsColumns.NSID,
            EdnsColumns.DAU,
            EdnsColumns.DHU,
            EdnsColumns.N3U,
            EdnsColumns.CLIENT_SUBNET,
            EdnsColumns.COOKIE,
            EdnsColumns.PADDING,
            EdnsColumns.KEY_TAG,
            EdnsColumns.EXTENDED_ERROR);
  }

  @Test
  void ednsColumnsAgreeWithDnsjavaOnCraftedOptions() throws Exception {
    byte[] v6 = InetAddress.getByName("2001:db8:1:2345:6789:abcd:ef01:2345").getAddress();
    List<List<EDNSOption>> cases =
        List.of(
            List.of(new ClientSubnetOption(24, InetAddress.getByName("192.0.2.0"))),
            List.of(new ClientSubnetOption(32, InetAddress.getByName("198.51.100.7"))),
            List.of(new ClientSubnetOption(20, InetAddress.getByName("10.1.16.0"))),
            List.of(new ClientSubnetOption(0, InetAddress.getByName("0.0.0.0"))),
            List.of(new ClientSubnetOption(56, InetAddress.getByName("2001:db8:1:2300::"))),
            List.of(new ClientSubnetOption(128, InetAddress.getByAddress(v6))),
            List.of(new ClientSubnetOption(0, InetAddress.getByName("::"))),
            List.of(new CookieOption(bytes(8, 1))),
            List.of(new CookieOption(bytes(8, 1), bytes(16, 9))),
            List.of(new NSIDOption("ns1.ams".getBytes(StandardCharsets.US_ASCII))),
            List.of(new NSIDOption(new byte[] {0, 1, (byte) 0xFF, 'a'})),
            List.of(new NSIDOption(new byte[0])),
            List.of(new GenericEDNSOption(EdnsColumns.KEY_TAG, new byte[] {0x4F, 0x66})),
            List.of(new GenericEDNSOption(EdnsColumns.KEY_TAG, bytes(6, 0xF0))),
            List.of(new GenericEDNSOption(EdnsColumns.KEY_TAG, new byte[0])),
            List.of(new GenericEDNSOption(EdnsColumns.KEY_TAG, new byte[] {1, 2, 3})),
            List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.BLOCKED)),
            List.of(
                new ExtendedErrorCodeOption(ExtendedErrorCodeOption.STALE_ANSWER, "stale"),
                new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NETWORK_ERROR),
                new ExtendedErrorCodeOption(65535)),
            List.of(
                new DnssecAlgorithmOption(EdnsColumns.DAU, 8, 13, 15),
                new DnssecAlgorithmOption(EdnsColumns.DHU, 2),
                new DnssecAlgorithmOption(EdnsColumns.N3U, 1)),
            List.of(new DnssecAlgorithmOption(EdnsColumns.DAU)),
            List.of(new GenericEDNSOption(EdnsColumns.PADDING, new byte[0])),
            List.of(new GenericEDNSOption(EdnsColumns.PADDING, new byte[100])),
            List.of(new TcpKeepaliveOption(), new TcpKeepaliveOption(300)),
            List.of(new GenericEDNSOption(65001, bytes(5, 3))),
            List.of(
                new CookieOption(bytes(8, 2)),
                new ClientSubnetOption(24, InetAddress.getByName("203.0.113.0")),
                new GenericEDNSOption(EdnsColumns.KEY_TAG, new byte[] {0x12, 0x34}),
                new NSIDOption(new byte[0]),
                new GenericEDNSOption(EdnsColumns.PADDING, new byte[12]),
                new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED)));
    List<String> disagreements = new ArrayList<>();
    for (List<EDNSOption> options : cases) {
      for (int flags : new int[] {0, 0x8000}) {
        Message q = Dns.query(7, "www.example.nl", 1);
        q.addRecord(new OPTRecord(1232, 0, 0, flags, options), Section.ADDITIONAL);
        byte[] wire = q.toWire();
        Message m = new Message(wire);
        String diff = compare(m, m.getOPT(), wire, wire.length);
        if (diff != null) {
          disagreements.add(options + ": " + diff);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /**
   * Deliberately different: a client subnet whose address has bits set beyond its prefix, or more
   * address bytes than the prefix needs, or an IPv4-mapped IPv6 address, makes dnsjava reject the
   * whole message; the column keeps it as sent (the address is what the resolver wrote, without
   * masking; fewer bytes than the prefix needs are zero-filled), as ENTRADA writes the address it
   * reads.
   */
  @Test
  void clientSubnetsDnsjavaRejectsAreKeptAsSent() throws Exception {
    Object[][] cases = {
      {ecs(1, 24, new byte[] {(byte) 192, 0, 2, 77}), "192.0.2.77/24"},
      {ecs(1, 24, new byte[] {(byte) 192, 0, 3}), "192.0.3.0/24"},
      {ecs(1, 24, new byte[] {(byte) 192, 0, 2, 0}), "192.0.2.0/24"},
      {ecs(1, 20, new byte[] {10, 1, 31}), "10.1.31.0/20"},
      // dnsjava reads an IPv4-mapped IPv6 address as IPv4 and then refuses its /128 prefix
      {ecs(2, 128, mapped(new byte[] {(byte) 192, 0, 2, 1})), "::ffff:192.0.2.1/128"},
    };
    for (Object[] c : cases) {
      byte[] data = (byte[]) c[0];
      Message q = Dns.query(7, "www.example.nl", 1);
      q.addRecord(
          new OPTRecord(
              1232, 0, 0, 0, List.of(new GenericEDNSOption(EdnsColumns.CLIENT_SUBNET, data))),
          Section.ADDITIONAL);
      byte[] wire = q.toWire();
      boolean rejected;
      try {
        new Message(wire);
        rejected = false;
      } catch (java.io.IOException | IllegalArgumentException e) {
        rejected = true; // WireParseException, or the mapped address's "invalid mask length"
      }
      if (c[1].equals("192.0.3.0/24")) {
        assertThat(rejected).as("dnsjava reads %s", c[1]).isFalse();
      } else {
        assertThat(rejected).as("dnsjava rejects %s", c[1]).isTrue();
      }
      DnsMessage m = new DnsMessage();
      new DnsParser().parse(wire, 0, wire.length, wire.length, m);
      Row row = new Row();
      new EdnsColumns().query(row, m);
      assertThat(row.getString(EDNS_CLIENT_SUBNET)).isEqualTo(c[1]);
      assertThat(row.getString(EDNS_OPTIONS)).isEqualTo("8");
      assertThat(row.get(EDNS_OTHER)).isNull();
    }
  }

  private final DnsParser parser = new DnsParser();
  private final DnsMessage ours = new DnsMessage();
  private final EdnsColumns edns = new EdnsColumns();
  private final Row row = new Row();

  /** Null when our columns of {@code bytes} (as query and as response) are what dnsjava gives. */
  private String compare(Message m, OPTRecord opt, byte[] bytes, int wire) {
    parser.parse(bytes, 0, bytes.length, wire, ours);
    row.clear();
    edns.query(row, ours);
    edns.response(row, ours);
    Map<String, Object> expected = expected(opt);
    StringJoiner diff = new StringJoiner("; ");
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Object actual = row.get(SCHEMA_FIELD.get(e.getKey()));
      if (!sameValue(e.getKey(), e.getValue(), actual)) {
        diff.add(e.getKey() + " dnsjava " + e.getValue() + " vs " + actual);
      }
    }
    return diff.length() == 0 ? null : diff.toString();
  }

  /** RFC 7871 option data: family, source prefix, scope prefix 0, address bytes as given. */
  private static byte[] ecs(int family, int sourcePrefix, byte[] address) {
    byte[] b = new byte[4 + address.length];
    b[1] = (byte) family;
    b[2] = (byte) sourcePrefix;
    System.arraycopy(address, 0, b, 4, address.length);
    return b;
  }

  private static byte[] bytes(int n, int first) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  private static final Map<String, Integer> SCHEMA_FIELD =
      Map.ofEntries(
          Map.entry("edns_udp", EDNS_UDP),
          Map.entry("edns_version", EDNS_VERSION),
          Map.entry("edns_do", EDNS_DO),
          Map.entry("edns_options", EDNS_OPTIONS),
          Map.entry("edns_other", EDNS_OTHER),
          Map.entry("edns_client_subnet", EDNS_CLIENT_SUBNET),
          Map.entry("edns_cookie", EDNS_COOKIE),
          Map.entry("edns_dnssec_dau", EDNS_DNSSEC_DAU),
          Map.entry("edns_dnssec_dhu", EDNS_DNSSEC_DHU),
          Map.entry("edns_dnssec_n3u", EDNS_DNSSEC_N3U),
          Map.entry("edns_padding", EDNS_PADDING),
          Map.entry("edns_keytag_count", EDNS_KEYTAG_COUNT),
          Map.entry("edns_keytag_list", EDNS_KEYTAG_LIST),
          Map.entry("edns_nsid", EDNS_NSID),
          Map.entry("edns_ede", EDNS_EDE),
          Map.entry("res_edns_udp", RES_EDNS_UDP));

  /** The columns as dnsjava's options give them (the last option of a kind wins, as in ours). */
  private static Map<String, Object> expected(OPTRecord opt) {
    Map<String, Object> x = new LinkedHashMap<>();
    for (String column : SCHEMA_FIELD.keySet()) {
      x.put(column, null);
    }
    x.put("edns_udp", opt.getPayloadSize());
    x.put("edns_version", opt.getVersion());
    x.put("edns_do", (opt.getFlags() & 0x8000) != 0);
    x.put("res_edns_udp", opt.getPayloadSize());
    x.put("edns_cookie", false);
    StringJoiner codes = new StringJoiner(",");
    StringJoiner other = new StringJoiner(",");
    StringJoiner ede = new StringJoiner(",");
    boolean anyEde = false;
    for (EDNSOption o : opt.getOptions()) {
      int code = o.getCode();
      codes.add(Integer.toString(code));
      byte[] data = data(o);
      switch (code) {
        case EdnsColumns.DAU:
        case EdnsColumns.DHU:
        case EdnsColumns.N3U:
          StringJoiner algorithms = new StringJoiner(",");
          for (int a : ((DnssecAlgorithmOption) o).getAlgorithms()) {
            algorithms.add(Integer.toString(a));
          }
          x.put(
              code == EdnsColumns.DAU
                  ? "edns_dnssec_dau"
                  : code == EdnsColumns.DHU ? "edns_dnssec_dhu" : "edns_dnssec_n3u",
              algorithms.toString());
          break;
        case EdnsColumns.CLIENT_SUBNET:
          ClientSubnetOption ecs = (ClientSubnetOption) o;
          x.put(
              "edns_client_subnet",
              new Subnet(
                  ecs.getFamily(), ecs.getAddress().getAddress(), ecs.getSourcePrefixLength()));
          break;
        case EdnsColumns.COOKIE:
          x.put("edns_cookie", true);
          other.add(Integer.toString(code));
          break;
        case EdnsColumns.PADDING:
          x.put("edns_padding", data.length);
          break;
        case EdnsColumns.KEY_TAG:
          x.put("edns_keytag_count", data.length / 2);
          StringJoiner tags = new StringJoiner(",");
          for (int i = 0; i + 1 < data.length; i += 2) {
            tags.add(Integer.toString((data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF)));
          }
          x.put("edns_keytag_list", data.length < 2 ? null : tags.toString());
          break;
        case EdnsColumns.NSID:
          other.add(Integer.toString(code));
          x.put("edns_nsid", printable(data) ? new String(data) : hex(data));
          break;
        case EdnsColumns.EXTENDED_ERROR:
          other.add(Integer.toString(code));
          ede.add(Integer.toString(((ExtendedErrorCodeOption) o).getErrorCode()));
          anyEde = true;
          break;
        default:
          other.add(Integer.toString(code));
      }
    }
    x.put("edns_options", codes.length() == 0 ? null : codes.toString());
    x.put("edns_other", other.length() == 0 ? null : other.toString());
    x.put("edns_ede", anyEde ? ede.toString() : null);
    return x;
  }

  /** A client subnet as dnsjava gives it, compared with our address/prefix text by value. */
  private static final class Subnet {
    final int family;
    final byte[] address;
    final int prefix;

    Subnet(int family, byte[] address, int prefix) {
      this.family = family;
      this.address = address;
      this.prefix = prefix;
    }

    int family() {
      return family;
    }

    byte[] address() {
      return address;
    }

    int prefix() {
      return prefix;
    }

    @Override
    public String toString() {
      try {
        return family + ":" + InetAddress.getByAddress(address).getHostAddress() + "/" + prefix;
      } catch (Exception e) {
        return family + ":" + Arrays.toString(address) + "/" + prefix;
      }
    }
  }

  private static boolean sameValue(String column, Object expected, Object actual) {
    if (!(expected instanceof Subnet)) {
      return Objects.equals(expected, actual);
    }
    Subnet s = (Subnet) expected;
    if (!(actual instanceof String)) {
      return false;
    }
    String text = (String) actual;
    int slash = text.lastIndexOf('/');
    if (slash < 0 || !text.substring(slash + 1).equals(Integer.toString(s.prefix()))) {
      return false;
    }
    String address = text.substring(0, slash);
    if ((address.indexOf(':') >= 0 ? 2 : 1) != s.family()) {
      return false;
    }
    try {
      return Arrays.equals(literal(address), literal(s.address()));
    } catch (Exception e) {
      return false;
    }
  }

  /** The address bytes of a literal, 16 for IPv6 ones (Java maps ::ffff:a.b.c.d to IPv4). */
  private static byte[] literal(String address) throws Exception {
    byte[] b = InetAddress.getByName(address).getAddress();
    return address.indexOf(':') >= 0 && b.length == 4 ? mapped(b) : b;
  }

  private static byte[] literal(byte[] address) throws Exception {
    return address;
  }

  private static byte[] mapped(byte[] v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xFF;
    b[11] = (byte) 0xFF;
    System.arraycopy(v4, 0, b, 12, 4);
    return b;
  }

  /** An option's data: its wire form less the code and length. */
  private static byte[] data(EDNSOption o) {
    byte[] w = o.toWire();
    return Arrays.copyOfRange(w, 4, w.length);
  }

  private static boolean printable(byte[] b) {
    for (byte c : b) {
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte c : b) {
      s.append(String.format("%02x", c & 0xFF));
    }
    return s.toString();
  }
}
