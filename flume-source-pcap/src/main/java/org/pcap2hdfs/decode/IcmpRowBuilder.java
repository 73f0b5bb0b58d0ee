package org.pcap2hdfs.decode;

import static org.pcap2hdfs.row.IcmpFields.*;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.dns.DnsParser;
import org.pcap2hdfs.dns.PublicSuffixes;
import org.pcap2hdfs.dns.QName;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.IcmpPacket;
import org.pcap2hdfs.packet.Transport;
import org.pcap2hdfs.row.Row;

/**
 * Turns one ICMP message into a row of {@code icmp_message.avsc}: the ICMP packet's own IP facts,
 * the quoted packet's IP and transport header fields, and the quoted DNS message's header and
 * question when the quote holds them (usually cut off after a few hundred bytes).
 */
public final class IcmpRowBuilder {
  private final byte[] stream;
  private final byte[] location;
  private final PublicSuffixes suffixes = PublicSuffixes.get();
  private final DnsParser parser = new DnsParser();
  private final DnsMessage message = new DnsMessage();
  private final EventId eventId = new EventId();
  private final DecodeCounters counters;
  private String lastFile;
  private byte[] lastFileBytes;

  public IcmpRowBuilder(String server, String location, DecodeCounters counters) {
    this.stream = EventId.stream(server, location);
    this.location = location == null ? null : location.getBytes(StandardCharsets.UTF_8);
    this.counters = counters;
  }

  /**
   * Fills {@code row}.
   *
   * @param index the message's position among the ICMP messages of {@code file}, for its event id
   */
  public void build(Row row, Transport t, IcmpPacket m, byte[] data, String file, long index) {
    row.clear();
    row.setLong(TIME, Math.floorDiv(t.timestampMicros, 1000));
    row.setLong(TIME_US, t.timestampMicros);
    row.setInt(ICMP_TYPE, m.type);
    row.setInt(ICMP_CODE, m.code);
    if (m.mtu >= 0) {
      row.setInt(ICMP_IP_MTU, m.mtu);
    }
    row.setInt(IP_V, t.ipVersion);
    row.setInt(IP_TTL, t.ttl);
    AddressText.append(row.text(IP_SRC), t.src, t.addressLength());
    AddressText.append(row.text(IP_DST), t.dst, t.addressLength());
    row.setInt(IP_LEN, m.length);
    if (m.origIpVersion > 0) {
      quotedPacket(row, m);
    }
    if (m.dnsOffset >= 0) {
      quotedDns(row, m, data);
    }
    if (location != null) {
      row.text(SERVER_LOCATION).append(location, 0, location.length);
    }
    byte[] fileBytes = fileBytes(file);
    row.text(PCAP_FILE).append(fileBytes, 0, fileBytes.length);
    eventId.append(row.text(EVENT_ID), stream, fileBytes, index);
  }

  private static void quotedPacket(Row row, IcmpPacket m) {
    row.setInt(ORIG_IP_V, m.origIpVersion);
    row.setInt(ORIG_IP_TTL, m.origTtl);
    AddressText.append(row.text(ORIG_IP_SRC), m.origSrc, m.origAddressLength());
    AddressText.append(row.text(ORIG_IP_DST), m.origDst, m.origAddressLength());
    row.setInt(ORIG_IP_LEN, m.origIpLength);
    row.setInt(ORIG_L4_PROT, m.origProtocol);
    if (m.origSrcPort >= 0) {
      row.setInt(ORIG_L4_SRCP, m.origSrcPort);
      row.setInt(ORIG_L4_DSTP, m.origDstPort);
    }
  }

  private void quotedDns(Row row, IcmpPacket m, byte[] data) {
    row.setInt(ORIG_DNS_LEN, m.dnsWire);
    if (!parser.parse(data, m.dnsOffset, m.dnsCaptured, m.dnsWire, message)) {
      return; // not even the header is quoted
    }
    counters.icmpQuotingDns++;
    DnsMessage d = message;
    row.setInt(ORIG_DNS_ID, d.id);
    row.setBoolean(ORIG_DNS_QR, d.isResponse());
    row.setInt(ORIG_DNS_OPCODE, d.opcode());
    row.setInt(ORIG_DNS_RCODE, d.flags & 0xF);
    row.setInt(ORIG_DNS_QDCOUNT, d.qdcount);
    row.setBoolean(ORIG_DNS_TRUNCATED, m.dnsCaptured < m.dnsWire);
    if (d.hasQuestion) {
      QName name = d.qname;
      byte[] text = name.bytes();
      row.text(ORIG_DNS_QNAME).append(text, 0, name.length());
      row.setInt(ORIG_DNS_QTYPE, d.qtype);
      row.setInt(ORIG_DNS_QCLASS, d.qclass);
      int labels = name.labels();
      int start = 0;
      if (labels > 0) {
        int suffixLabels = suffixes.suffixLabels(name);
        start = name.labelStart(labels - Math.min(labels, suffixLabels + 1));
      }
      row.text(ORIG_DNS_DOMAINNAME).append(text, start, name.length() - start);
    }
  }

  private byte[] fileBytes(String file) {
    if (file != lastFile) {
      lastFile = file;
      lastFileBytes = file.getBytes(StandardCharsets.UTF_8);
    }
    return lastFileBytes;
  }
}
