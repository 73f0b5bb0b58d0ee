package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.Decoded;

/**
 * dnscap ships the same 41 lookups as plain pcap, xz, nanosecond pcap and 802.1Q VLAN: the same
 * rows must come out of each. Its TCP capture has the same questions and answers from another
 * client, two years later (the answer and authority sections differ: another resolver, another day;
 * questions, rcodes and opcodes are the same).
 */
class SameLookupsTest {
  /** Columns that name the file a row came from, or the link it was captured on. */
  private static final List<String> PER_FILE = List.of("pcap_file", "event_id");

  @Test
  void everyEncodingGivesTheSameRows() throws Exception {
    List<Map<String, Object>> plain = withoutFileColumns(decode("dnscap__dns.pcap"));
    assertThat(plain).hasSize(41);
    assertThat(withoutFileColumns(decode("dnscap__dns.pcap.xz"))).isEqualTo(plain);
    assertThat(withoutFileColumns(decode("dnscap__vlan11.pcap"))).isEqualTo(plain);
    // editcap rewrote the nanosecond file from the microsecond one: same instants.
    assertThat(withoutFileColumns(decode("dnscap__dns.nsec.pcap"))).isEqualTo(plain);
  }

  @Test
  void tcpCaptureHasTheSameQuestionsAndRcodes() throws Exception {
    List<String> udp = dnsContent(decode("dnscap__dns.pcap"));
    List<String> tcp = dnsContent(decode("dnscap__dnso1tcp.pcap"));
    assertThat(tcp).isEqualTo(udp);
    Map<String, Object> first = decode("dnscap__dnso1tcp.pcap").get(0);
    assertThat(first.get("prot")).isEqualTo(6);
    assertThat(first.get("src")).isNotEqualTo(decode("dnscap__dns.pcap").get(0).get("src"));
  }

  private static List<Map<String, Object>> decode(String name) throws Exception {
    return Decoded.files(Decoded.resource(name)).rows;
  }

  private static List<Map<String, Object>> withoutFileColumns(List<Map<String, Object>> rows) {
    for (Map<String, Object> r : rows) {
      PER_FILE.forEach(r::remove);
    }
    return rows;
  }

  private static List<String> dnsContent(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(
            r ->
                List.of("qname", "qtype", "qclass", "rcode", "opcode").stream()
                    .map(k -> k + "=" + r.get(k))
                    .collect(Collectors.joining(" ")))
        .sorted()
        .collect(Collectors.toList());
  }
}
