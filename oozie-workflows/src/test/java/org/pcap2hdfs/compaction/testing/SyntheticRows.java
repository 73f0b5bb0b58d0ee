package org.pcap2hdfs.compaction.testing;

import java.util.SplittableRandom;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * Deterministic, realistic-looking rows of the event schema: row {@code i} of a generator is always
 * the same. Skewed domain popularity, a few thousand clients, mostly A/AAAA queries, mostly
 * NOERROR, some NXDOMAIN and unanswered queries; enrichment columns mostly null.
 */
public final class SyntheticRows {
  private static final String[] TLDS = {"ca", "com", "net", "org"};
  private static final int[] QTYPES = {1, 1, 1, 1, 28, 28, 28, 2, 15, 16, 6, 43, 48, 65};
  private final long seed;
  private final long startUs;
  private final long stepUs;
  private final String server;

  /**
   * @param startUs epoch microseconds of row 0
   * @param stepUs microseconds between consecutive rows
   * @param server server name (goes into pcap_file and event_id only: the partition is the path)
   */
  public SyntheticRows(long seed, long startUs, long stepUs, String server) {
    this.seed = seed;
    this.startUs = startUs;
    this.stepUs = stepUs;
    this.server = server;
  }

  public void fill(Row row, long i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    row.clear();
    long timeUs = startUs + i * stepUs + r.nextInt((int) Math.max(1, stepUs));
    double u = r.nextDouble();
    int domain = (int) (5000 * u * u * u);
    String tld = TLDS[domain % TLDS.length];
    String dn = "domain" + domain + "." + tld;
    boolean www = r.nextInt(3) == 0;
    String qname = www ? "www." + dn : dn;
    int client = r.nextInt(3000);
    boolean v6 = client % 5 == 0;
    int rcodeDraw = r.nextInt(100);
    int rcode = rcodeDraw < 80 ? 0 : rcodeDraw < 95 ? 3 : rcodeDraw < 98 ? 2 : -1;
    boolean answered = rcode != -1;
    row.setInt(Fields.ID, r.nextInt(65536));
    row.setLong(Fields.TIME, Math.floorDiv(timeUs, 1000));
    row.setLong(Fields.TIME_US, timeUs);
    row.setString(Fields.QNAME, qname);
    row.setString(Fields.DOMAINNAME, dn);
    row.setInt(Fields.TTL, 50 + r.nextInt(14));
    row.setInt(Fields.IPV, v6 ? 6 : 4);
    row.setInt(Fields.PROT, r.nextInt(20) == 0 ? 6 : 17);
    row.setString(
        Fields.SRC,
        v6
            ? "2001:db8:" + Integer.toHexString(client) + "::53"
            : "192.0." + (client >> 8) + "." + (client & 0xFF));
    row.setInt(Fields.SRCP, 1024 + r.nextInt(64000));
    row.setString(Fields.DST, v6 ? "2001:db8::1" : "198.51.100.1");
    row.setInt(Fields.DSTP, 53);
    int qtype = QTYPES[r.nextInt(QTYPES.length)];
    row.setInt(Fields.QTYPE, qtype);
    row.setInt(Fields.QCLASS, 1);
    row.setInt(Fields.OPCODE, 0);
    row.setInt(Fields.RCODE, rcode);
    row.setInt(Fields.LABELS, www ? 3 : 2);
    row.setString(Fields.TLD, tld);
    row.setString(Fields.PUBLIC_SUFFIX, tld);
    row.setString(Fields.SERVER_LOCATION, "yul");
    row.setString(Fields.PCAP_FILE, server + "-" + (i / 100_000) + ".pcap");
    row.setString(Fields.EVENT_ID, eventId(i));
    boolean edns = r.nextInt(10) < 8;
    if (edns) {
      row.setInt(Fields.EDNS_UDP, r.nextBoolean() ? 1232 : 4096);
      row.setInt(Fields.EDNS_VERSION, 0);
      row.setBoolean(Fields.EDNS_DO, r.nextInt(3) == 0);
      row.setString(Fields.EDNS_OPTIONS, r.nextInt(4) == 0 ? "10" : "");
      row.setBoolean(Fields.EDNS_COOKIE, r.nextInt(4) == 0);
    }
    row.setInt(Fields.REQ_LEN, 28 + qname.length() + (edns ? 11 : 0));
    row.setBoolean(Fields.REQ_IP_DF, !v6 && r.nextBoolean());
    row.setBoolean(Fields.Q_TC, false);
    row.setBoolean(Fields.Q_RA, false);
    row.setBoolean(Fields.Q_AD, r.nextInt(5) == 0);
    row.setBoolean(Fields.Q_AA, false);
    row.setBoolean(Fields.Q_RD, r.nextInt(10) == 0);
    row.setBoolean(Fields.Q_Z, false);
    row.setBoolean(Fields.Q_CD, false);
    row.setInt(Fields.Q_QDCOUNT, 1);
    row.setInt(Fields.Q_ANCOUNT, 0);
    row.setInt(Fields.Q_NSCOUNT, 0);
    row.setInt(Fields.Q_ARCOUNT, edns ? 1 : 0);
    if (answered) {
      long procUs = 20 + r.nextInt(400);
      row.setBoolean(Fields.AA, rcode != 2);
      row.setBoolean(Fields.TC, false);
      row.setBoolean(Fields.RD, false);
      row.setBoolean(Fields.RA, false);
      row.setBoolean(Fields.Z, false);
      row.setBoolean(Fields.AD, false);
      row.setBoolean(Fields.CD, false);
      int an = rcode == 0 ? 1 + r.nextInt(3) : 0;
      row.setInt(Fields.ANCOUNT, an);
      row.setInt(Fields.ARCOUNT, edns ? 1 : 0);
      row.setInt(Fields.NSCOUNT, rcode == 0 ? 0 : 1);
      row.setInt(Fields.QDCOUNT, 1);
      row.setInt(Fields.PROC_TIME, (int) (procUs / 1000));
      row.setLong(Fields.PROC_TIME_US, procUs);
      row.setLong(Fields.RES_TIME_US, timeUs + procUs);
      row.setInt(Fields.RES_LEN, 40 + qname.length() + an * 16 + (edns ? 11 : 0));
      row.setBoolean(Fields.RES_IP_DF, !v6);
      row.setInt(Fields.RES_MESSAGES, 1);
      if (an > 0) {
        row.setLong(Fields.RES_ANSWER_TTL, 300 * (1 + r.nextInt(12)));
      }
      if (edns) {
        row.setInt(Fields.RES_EDNS_UDP, 1232);
      }
    }
    row.setBoolean(Fields.MALFORMED, false);
  }

  /** The event_id of row i: 32 hex digits, unique per (seed, server, i). */
  public String eventId(long i) {
    long h1 = mix(seed ^ server.hashCode() * 31L ^ i);
    long h2 = mix(h1 ^ 0x5DEECE66DL ^ i * 0x9E3779B97F4A7C15L);
    return String.format("%016x%016x", h1, h2);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
