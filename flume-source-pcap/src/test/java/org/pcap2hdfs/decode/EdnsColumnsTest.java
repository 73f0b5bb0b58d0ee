package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.Decoded;

/** EDNS0 columns against what tcpdump -vv prints for the same captures (tcpdump__*.out). */
class EdnsColumnsTest {

  @Test
  void optionsOfTcpdumpsEdnsCapture() throws Exception {
    List<Map<String, Object>> rows =
        Decoded.files(Decoded.resource("tcpdump__edns-opts.pcap")).rows;
    assertThat(rows).hasSize(21);
    // 12345 UDPsize, DO, no options
    assertThat(rows.get(1)).containsEntry("edns_udp", 12345).containsEntry("edns_do", true);
    assertThat(rows.get(1).get("edns_options")).isNull();
    // [ECS 192.0.2.0/24/0], [ECS 2001:db8:85a3::8a2e:0:0/100/0]
    assertThat(rows.get(2)).containsEntry("edns_client_subnet", "192.0.2.0/24");
    assertThat(rows.get(4)).containsEntry("edns_client_subnet", "2001:db8:85a3::8a2e:0:0/100");
    // [COOKIE a954d29208767b5c]
    assertThat(rows.get(5)).containsEntry("edns_cookie", true).containsEntry("edns_other", "10");
    // [DAU PRIVATEDNS,DHU SHA-256,N3U SHA-1]
    assertThat(rows.get(7))
        .containsEntry("edns_dnssec_dau", "253")
        .containsEntry("edns_dnssec_dhu", "2")
        .containsEntry("edns_dnssec_n3u", "1")
        .containsEntry("edns_options", "5,6,7");
    // key tags 30000 and 60000
    assertThat(rows.get(11))
        .containsEntry("edns_keytag_count", 2)
        .containsEntry("edns_keytag_list", "30000,60000");
    // [PADDING (6)]
    assertThat(rows.get(17)).containsEntry("edns_padding", 6);
    // [CHAIN com.,DHU GOST_R_34.11-94,PADDING (4),NSID aabbccddeeff]
    assertThat(rows.get(20))
        .containsEntry("edns_options", "13,6,12,3")
        .containsEntry("edns_other", "13,3")
        .containsEntry("edns_padding", 4)
        .containsEntry("edns_do", true);
  }

  @Test
  void extendedRcodeFromOpt() throws Exception {
    // BADCOOKIE (23): header rcode 7 with the OPT's upper bits 1
    assertThat(Decoded.files(Decoded.resource("tcpdump__dns-badcookie.pcap")).rows.get(0))
        .containsEntry("rcode", 23);
    // BADVERS (16)
    assertThat(Decoded.files(Decoded.resource("zeek__dns_extended_rcode.pcap")).only())
        .containsEntry("rcode", 16);
  }
}
