package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.Decoded;

/**
 * ICMP and ICMPv6 messages as rows of {@code icmp_message.avsc}, on {@code
 * fixtures/icmp-errors-quoting-dns.pcap}: real DNS packets of dnscap's captures and the ICMP errors
 * that bounce them (port unreachable, fragmentation needed, time exceeded, packet too big), an echo
 * request and a too-short ICMP message.
 */
class IcmpRowsTest {
  private static final Path FIXTURE = Decoded.resource("fixtures/icmp-errors-quoting-dns.pcap");

  private final List<Map<String, Object>> dnsRows = new ArrayList<>();
  private final List<Map<String, Object>> icmpRows = new ArrayList<>();
  private final List<byte[]> icmpDatums = new ArrayList<>();

  private DecodeCounters decode(boolean icmp) throws Exception {
    StreamDecoder d =
        new StreamDecoder(DecoderConfig.defaults(), "ns1", "ams", r -> dnsRows.add(r.toMap()));
    if (icmp) {
      d.enableIcmp(
          "ns1",
          "ams",
          r -> {
            icmpRows.add(r.toMap());
            ByteSink b = new ByteSink(64);
            AvroRowCodec.encode(r, b);
            icmpDatums.add(b.toByteArray());
          });
    }
    d.decode(FIXTURE, "icmp.pcap");
    d.finish();
    return d.counters();
  }

  @Test
  void everyIcmpMessageIsARowWithTheQuotedPacketAndDnsHeader() throws Exception {
    DecodeCounters c = decode(true);
    assertThat(icmpRows)
        .extracting(Object::toString)
        .containsExactly(
            // port unreachable from the client, quoting the whole response (frames 1, 2 of
            // dns.pcap)
            "{time=1476976981078, time_us=1476976981078132, icmp_type=3, icmp_code=3, "
                + "icmp_ip_mtu=null, ip_v=4, ip_ttl=64, ip_src=172.17.0.10, ip_dst=8.8.8.8, "
                + "ip_len=216, orig_ip_v=4, orig_ip_ttl=63, orig_ip_src=8.8.8.8, "
                + "orig_ip_dst=172.17.0.10, orig_ip_len=208, orig_l4_prot=17, orig_l4_srcp=53, "
                + "orig_l4_dstp=53199, orig_dns_len=180, orig_dns_id=59311, orig_dns_qr=true, "
                + "orig_dns_opcode=0, orig_dns_rcode=0, orig_dns_qdcount=1, "
                + "orig_dns_qname=google.com, orig_dns_domainname=google.com, orig_dns_qtype=1, "
                + "orig_dns_qclass=1, orig_dns_truncated=false, server_location=ams, "
                + "pcap_file=icmp.pcap, event_id=f71577d18de10f8418b9f6a39f0bedbb}",
            // dns.pcap's echo request: no quote
            "{time=1476976981078, time_us=1476976981078437, icmp_type=8, icmp_code=0, "
                + "icmp_ip_mtu=null, ip_v=4, ip_ttl=64, ip_src=172.17.0.10, ip_dst=216.58.218.206, "
                + "ip_len=64, orig_ip_v=null, orig_ip_ttl=null, orig_ip_src=null, "
                + "orig_ip_dst=null, orig_ip_len=null, orig_l4_prot=null, orig_l4_srcp=null, "
                + "orig_l4_dstp=null, orig_dns_len=null, orig_dns_id=null, orig_dns_qr=null, "
                + "orig_dns_opcode=null, orig_dns_rcode=null, orig_dns_qdcount=null, "
                + "orig_dns_qname=null, orig_dns_domainname=null, orig_dns_qtype=null, "
                + "orig_dns_qclass=null, orig_dns_truncated=null, server_location=ams, "
                + "pcap_file=icmp.pcap, event_id=1a4c447dad0536932a7f8734b108d4b5}",
            // fragmentation needed (MTU 1280) quoting only the IP header and the UDP header of a
            // response
            "{time=1476976981084, time_us=1476976981084407, icmp_type=3, icmp_code=4, "
                + "icmp_ip_mtu=1280, ip_v=4, ip_ttl=254, ip_src=10.0.0.1, ip_dst=8.8.8.8, "
                + "ip_len=36, orig_ip_v=4, orig_ip_ttl=63, orig_ip_src=8.8.8.8, "
                + "orig_ip_dst=172.17.0.10, orig_ip_len=289, orig_l4_prot=17, orig_l4_srcp=53, "
                + "orig_l4_dstp=57822, orig_dns_len=261, orig_dns_id=null, orig_dns_qr=null, "
                + "orig_dns_opcode=null, orig_dns_rcode=null, orig_dns_qdcount=null, "
                + "orig_dns_qname=null, orig_dns_domainname=null, orig_dns_qtype=null, "
                + "orig_dns_qclass=null, orig_dns_truncated=null, server_location=ams, "
                + "pcap_file=icmp.pcap, event_id=e0e5ba3cea43a29cba309aa52bcc3e0a}",
            // time exceeded quoting a query cut inside its question: the header, no qname
            "{time=1476976981087, time_us=1476976981087791, icmp_type=11, icmp_code=0, "
                + "icmp_ip_mtu=null, ip_v=4, ip_ttl=253, ip_src=10.0.0.2, ip_dst=172.17.0.10, "
                + "ip_len=52, orig_ip_v=4, orig_ip_ttl=64, orig_ip_src=172.17.0.10, "
                + "orig_ip_dst=8.8.8.8, orig_ip_len=56, orig_l4_prot=17, orig_l4_srcp=40043, "
                + "orig_l4_dstp=53, orig_dns_len=28, orig_dns_id=5337, orig_dns_qr=false, "
                + "orig_dns_opcode=0, orig_dns_rcode=0, orig_dns_qdcount=1, orig_dns_qname=null, "
                + "orig_dns_domainname=null, orig_dns_qtype=null, orig_dns_qclass=null, "
                + "orig_dns_truncated=true, server_location=ams, pcap_file=icmp.pcap, "
                + "event_id=e147bc27d3e3d43f2d0e7c95ef68e3b3}",
            // IPv6 packet too big quoting the whole response of dns6.pcap
            "{time=1543333920428, time_us=1543333920428653, icmp_type=2, icmp_code=0, "
                + "icmp_ip_mtu=1280, ip_v=6, ip_ttl=63, ip_src=2a01:3f0:0:57::1, "
                + "ip_dst=2001:4860:4860::8888, ip_len=111, orig_ip_v=6, orig_ip_ttl=61, "
                + "orig_ip_src=2001:4860:4860::8888, orig_ip_dst=2a01:3f0:0:57::245, "
                + "orig_ip_len=103, orig_l4_prot=17, orig_l4_srcp=53, orig_l4_dstp=51972, "
                + "orig_dns_len=55, orig_dns_id=51420, orig_dns_qr=true, orig_dns_opcode=0, "
                + "orig_dns_rcode=0, orig_dns_qdcount=1, orig_dns_qname=google.com, "
                + "orig_dns_domainname=google.com, orig_dns_qtype=1, orig_dns_qclass=1, "
                + "orig_dns_truncated=false, server_location=ams, pcap_file=icmp.pcap, "
                + "event_id=c3b828d379b7b28a7d8dcea2b3850ea1}",
            // IPv6 port unreachable quoting 4 bytes of DNS: no header
            "{time=1543333920428, time_us=1543333920428853, icmp_type=1, icmp_code=4, "
                + "icmp_ip_mtu=null, ip_v=6, ip_ttl=64, ip_src=2a01:3f0:0:57::245, "
                + "ip_dst=2001:4860:4860::8888, ip_len=60, orig_ip_v=6, orig_ip_ttl=61, "
                + "orig_ip_src=2001:4860:4860::8888, orig_ip_dst=2a01:3f0:0:57::245, "
                + "orig_ip_len=103, orig_l4_prot=17, orig_l4_srcp=53, orig_l4_dstp=51972, "
                + "orig_dns_len=55, orig_dns_id=null, orig_dns_qr=null, orig_dns_opcode=null, "
                + "orig_dns_rcode=null, orig_dns_qdcount=null, orig_dns_qname=null, "
                + "orig_dns_domainname=null, orig_dns_qtype=null, orig_dns_qclass=null, "
                + "orig_dns_truncated=null, server_location=ams, pcap_file=icmp.pcap, "
                + "event_id=76c748fcc5be2c6731c90b550947cdf8}");
    assertThat(c.icmpMessages).isEqualTo(7);
    assertThat(c.icmpRows).isEqualTo(6);
    assertThat(c.icmpQuotingDns).isEqualTo(3);
    assertThat(c.icmpMalformed).as("the 4-byte ICMP message").isEqualTo(1);
    assertThat(c.otherTransport).isZero();
    for (int i = 0; i < icmpRows.size(); i++) {
      assertThat(icmpRows.get(i).get("event_id"))
          .isEqualTo(EventId.of("ns1", "ams", "icmp.pcap", i | Long.MIN_VALUE));
    }
  }

  @Test
  void theDatumsAreAvroOfTheIcmpSchema() throws Exception {
    decode(true);
    GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(RowSchema.icmp().avro());
    for (int i = 0; i < icmpDatums.size(); i++) {
      byte[] datum = icmpDatums.get(i);
      GenericRecord record = avro.read(null, DecoderFactory.get().binaryDecoder(datum, null));
      Map<String, Object> expected = icmpRows.get(i);
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        Object v = record.get(e.getKey());
        assertThat(v == null ? null : v instanceof Utf8 ? v.toString() : v)
            .as(e.getKey())
            .isEqualTo(e.getValue());
      }
      Row back = new Row(RowSchema.icmp());
      assertThat(AvroRowCodec.decode(datum, 0, datum.length, back)).isEqualTo(datum.length);
      assertThat(back.toMap()).isEqualTo(expected);
    }
  }

  @Test
  void offByDefaultIcmpIsOtherTransportAndDnsRowsAreTheSame() throws Exception {
    DecodeCounters off = decode(false);
    List<Map<String, Object>> rowsWithoutIcmp = new ArrayList<>(dnsRows);
    assertThat(icmpRows).isEmpty();
    assertThat(off.otherTransport).isEqualTo(7);
    assertThat(off.icmpMessages).isZero();
    dnsRows.clear();
    decode(true);
    assertThat(dnsRows).hasSize(4).isEqualTo(rowsWithoutIcmp);
  }
}
