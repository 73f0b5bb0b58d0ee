package org.pcap2hdfs.dns;

/**
 * What a row needs from one DNS message: header, first question, OPT record (its options kept as
 * raw bytes, read by {@link EdnsOptions} only when a row is built), and the smallest answer TTL.
 * Instances are reused.
 */
public final class DnsMessage {
  public static final int TYPE_OPT = 41;
  public static final int TYPE_IXFR = 251;
  public static final int TYPE_AXFR = 252;

  /** Length of the message on the wire. */
  public int length;

  public int id;

  /** The 16-bit flags word of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode). */
  public int flags;

  public int qdcount;
  public int ancount;
  public int nscount;
  public int arcount;

  /** True when the first question was read completely. */
  public boolean hasQuestion;

  public final QName qname = new QName();
  public int qtype;
  public int qclass;

  public boolean hasOpt;
  public int ednsUdpSize;
  public int ednsVersion;
  public boolean ednsDo;

  /** Upper 8 bits of the extended rcode, from the OPT TTL field. */
  public int extendedRcodeHigh;

  /** OPT RDATA (the options), {@link #optLength} bytes. */
  public byte[] optData = new byte[64];

  public int optLength;

  /**
   * Smallest TTL of the answer section's records (all types, OPT excepted; a TTL with the top bit
   * set counts as 0, RFC 2181 §8); -1 without answer records.
   */
  public long minAnswerTtl;

  /** The message could not be read completely; see {@link #malformedReason}. */
  public boolean malformed;

  public String malformedReason;

  public boolean isResponse() {
    return (flags & 0x8000) != 0;
  }

  public int opcode() {
    return (flags >>> 11) & 0xF;
  }

  public boolean aa() {
    return (flags & 0x0400) != 0;
  }

  public boolean tc() {
    return (flags & 0x0200) != 0;
  }

  public boolean rd() {
    return (flags & 0x0100) != 0;
  }

  public boolean ra() {
    return (flags & 0x0080) != 0;
  }

  public boolean z() {
    return (flags & 0x0040) != 0;
  }

  public boolean ad() {
    return (flags & 0x0020) != 0;
  }

  public boolean cd() {
    return (flags & 0x0010) != 0;
  }

  /** The rcode extended by the OPT record's upper bits (RFC 6891). */
  public int rcode() {
    return (extendedRcodeHigh << 4) | (flags & 0xF);
  }

  public boolean isZoneTransfer() {
    return hasQuestion && (qtype == TYPE_AXFR || qtype == TYPE_IXFR);
  }

  void reset() {
    length = 0;
    id = 0;
    flags = 0;
    qdcount = 0;
    ancount = 0;
    nscount = 0;
    arcount = 0;
    hasQuestion = false;
    qname.clear();
    qtype = 0;
    qclass = 0;
    hasOpt = false;
    ednsUdpSize = 0;
    ednsVersion = 0;
    ednsDo = false;
    extendedRcodeHigh = 0;
    optLength = 0;
    minAnswerTtl = -1;
    malformed = false;
    malformedReason = null;
  }

  /** Copies every field of {@code o} into this instance. */
  public void copyFrom(DnsMessage o) {
    length = o.length;
    id = o.id;
    flags = o.flags;
    qdcount = o.qdcount;
    ancount = o.ancount;
    nscount = o.nscount;
    arcount = o.arcount;
    hasQuestion = o.hasQuestion;
    qname.copyFrom(o.qname);
    qtype = o.qtype;
    qclass = o.qclass;
    hasOpt = o.hasOpt;
    ednsUdpSize = o.ednsUdpSize;
    ednsVersion = o.ednsVersion;
    ednsDo = o.ednsDo;
    extendedRcodeHigh = o.extendedRcodeHigh;
    if (optData.length < o.optLength) {
      optData = new byte[o.optData.length];
    }
    System.arraycopy(o.optData, 0, optData, 0, o.optLength);
    optLength = o.optLength;
    minAnswerTtl = o.minAnswerTtl;
    malformed = o.malformed;
    malformedReason = o.malformedReason;
  }
}
