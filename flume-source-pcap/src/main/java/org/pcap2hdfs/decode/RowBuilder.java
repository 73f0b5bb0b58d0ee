package org.pcap2hdfs.decode;

import static org.pcap2hdfs.row.Fields.*;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.dns.PublicSuffixes;
import org.pcap2hdfs.dns.QName;
import org.pcap2hdfs.join.DnsEvent;
import org.pcap2hdfs.privacy.ClientAddresses;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.row.Row;

/**
 * Turns a joined (query, response) pair into a row. Query-side columns come from the query,
 * response-side columns (header flags aa..cd, counts, rcode, res_len) from the response; a side
 * that is missing leaves its columns null (rcode -1). Enrichment columns stay null for the
 * interceptors, unless a full-address enricher fills them here.
 *
 * <p>Client addresses (src, the edns_client_subnet address) are masked as the privacy settings say
 * before they become text; with a full-address enricher the row is first built and enriched with
 * the full addresses, then they are written again masked. Nothing of the full address stays in the
 * row.
 */
public final class RowBuilder {
  private final byte[] server;
  private final byte[] location;
  private final PublicSuffixes suffixes = PublicSuffixes.get();
  private final EdnsColumns edns;
  private final EventId eventId;
  private final ClientAddresses privacy;
  private final FullAddressEnricher enricher;
  private final byte[] masked = new byte[16];
  private String lastFile;
  private byte[] lastFileBytes;

  public RowBuilder(String server, String location) {
    this(server, location, null, null);
  }

  /**
   * @param privacy masks client addresses; null keeps them
   * @param enricher enriches on the full addresses before they are masked; null for none
   */
  public RowBuilder(
      String server, String location, ClientAddresses privacy, FullAddressEnricher enricher) {
    this.server = EventId.stream(server, location);
    this.location = location == null ? null : location.getBytes(StandardCharsets.UTF_8);
    this.privacy = privacy;
    this.enricher = enricher;
    this.edns = new EdnsColumns(enricher == null ? privacy : null);
    this.eventId = new EventId();
  }

  public void build(Row row, DnsEvent q, DnsEvent r) {
    row.clear();
    DnsEvent first = q != null ? q : r;
    DnsMessage qm = q != null ? q.message : null;
    DnsMessage rm = r != null ? r.message : null;

    row.setInt(ID, first.message.id);
    row.setLong(TIME, Math.floorDiv(first.timestampMicros, 1000));
    row.setLong(TIME_US, first.timestampMicros);
    row.setInt(IPV, first.ipVersion);
    row.setInt(PROT, first.protocol);
    int n = first.addressLength();
    byte[] client = q != null ? q.src : r.dst;
    client(row, client, n, enricher == null);
    if (q != null) {
      row.setInt(SRCP, q.srcPort);
      AddressText.append(row.text(DST), q.dst, n);
      row.setInt(DSTP, q.dstPort);
    } else {
      row.setInt(SRCP, r.dstPort);
      AddressText.append(row.text(DST), r.src, n);
      row.setInt(DSTP, r.srcPort);
    }
    row.setInt(OPCODE, first.message.opcode());
    row.setInt(RCODE, rm != null ? rm.rcode() : -1);

    DnsMessage questionSource =
        qm != null && qm.hasQuestion ? qm : rm != null && rm.hasQuestion ? rm : null;
    if (questionSource != null) {
      question(row, questionSource);
    }
    if (location != null) {
      row.text(SERVER_LOCATION).append(location, 0, location.length);
    }
    byte[] file = fileBytes(first.file);
    row.text(PCAP_FILE).append(file, 0, file.length);
    eventId.append(row.text(EVENT_ID), server, file, first.messageIndex);

    if (q != null) {
      querySide(row, q, qm);
    }
    if (r != null) {
      responseSide(row, r, rm);
    }
    if (q != null && r != null) {
      long micros = r.timestampMicros - q.timestampMicros;
      row.setLong(PROC_TIME_US, micros);
      row.setInt(PROC_TIME, (int) (r.timestampMicros / 1000 - q.timestampMicros / 1000));
    }
    row.setBoolean(MALFORMED, (qm != null && qm.malformed) || (rm != null && rm.malformed));
    if (enricher != null) {
      enricher.enrich(row);
      if (privacy != null) {
        client(row, client, n, true);
        if (qm != null) {
          edns.maskClientSubnet(row, privacy);
        }
      }
    }
  }

  /** Writes src: the address masked when {@code mask} and privacy is on, else as captured. */
  private void client(Row row, byte[] address, int n, boolean mask) {
    if (mask && privacy != null) {
      privacy.client(address, n, masked);
      AddressText.append(row.text(SRC), masked, n);
    } else {
      AddressText.append(row.text(SRC), address, n);
    }
  }

  private void question(Row row, DnsMessage m) {
    QName name = m.qname;
    byte[] text = name.bytes();
    int labels = name.labels();
    row.text(QNAME).append(text, 0, name.length());
    row.setInt(QTYPE, m.qtype);
    row.setInt(QCLASS, m.qclass);
    row.setInt(LABELS, labels);
    if (labels == 0) {
      row.text(DOMAINNAME).append(text, 0, name.length());
      return;
    }
    int suffixLabels = suffixes.suffixLabels(name);
    int suffixStart = name.labelStart(labels - suffixLabels);
    int domainStart =
        labels > suffixLabels ? name.labelStart(labels - suffixLabels - 1) : suffixStart;
    int tldStart = name.labelStart(labels - 1);
    row.text(DOMAINNAME).append(text, domainStart, name.length() - domainStart);
    row.text(PUBLIC_SUFFIX).append(text, suffixStart, name.length() - suffixStart);
    row.text(TLD).append(text, tldStart, name.length() - tldStart);
  }

  private void querySide(Row row, DnsEvent q, DnsMessage m) {
    if (q.fragments > 0) {
      row.setInt(FRAG, q.fragments);
    }
    row.setInt(TTL, q.ttl);
    row.setBoolean(REQ_IP_DF, q.dontFragment);
    row.setInt(REQ_LEN, m.length);
    row.setBoolean(Q_TC, m.tc());
    row.setBoolean(Q_RA, m.ra());
    row.setBoolean(Q_AD, m.ad());
    row.setBoolean(Q_AA, m.aa());
    row.setBoolean(Q_RD, m.rd());
    row.setBoolean(Q_Z, m.z());
    row.setBoolean(Q_CD, m.cd());
    row.setInt(Q_QDCOUNT, m.qdcount);
    row.setInt(Q_ANCOUNT, m.ancount);
    row.setInt(Q_NSCOUNT, m.nscount);
    row.setInt(Q_ARCOUNT, m.arcount);
    if (q.tcpHandshakeRttMicros >= 0) {
      row.setInt(TCP_HS_RTT, (int) Math.min(Integer.MAX_VALUE, q.tcpHandshakeRttMicros / 1000));
    }
    edns.query(row, m);
  }

  private void responseSide(Row row, DnsEvent r, DnsMessage m) {
    if (r.fragments > 0) {
      row.setInt(RESP_FRAG, r.fragments);
    }
    row.setBoolean(RES_IP_DF, r.dontFragment);
    row.setInt(RES_LEN, m.length);
    row.setLong(RES_TIME_US, r.timestampMicros);
    row.setBoolean(AA, m.aa());
    row.setBoolean(TC, m.tc());
    row.setBoolean(RD, m.rd());
    row.setBoolean(RA, m.ra());
    row.setBoolean(Z, m.z());
    row.setBoolean(AD, m.ad());
    row.setBoolean(CD, m.cd());
    row.setInt(QDCOUNT, m.qdcount);
    row.setInt(ANCOUNT, m.ancount);
    row.setInt(NSCOUNT, m.nscount);
    row.setInt(ARCOUNT, m.arcount);
    if (m.minAnswerTtl >= 0) {
      row.setLong(RES_ANSWER_TTL, m.minAnswerTtl);
    }
    row.setInt(RES_MESSAGES, Math.max(1, r.responseMessages));
    edns.response(row, m);
  }

  private byte[] fileBytes(String file) {
    if (file != lastFile) {
      lastFile = file;
      lastFileBytes = file.getBytes(StandardCharsets.UTF_8);
    }
    return lastFileBytes;
  }
}
