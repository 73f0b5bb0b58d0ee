package org.pcap2hdfs.dns;

/**
 * Reads what a row needs from a DNS message, without building records: the header, the first
 * question (its name decompressed, lower-cased and escaped), the OPT record, and the smallest
 * answer TTL (of every answer-section record but OPT; above 2^31 - 1 counted as 0, RFC 2181 §8).
 * Other records are skipped by their lengths. A message that breaks is marked malformed and keeps
 * what was read before the fault; only a message shorter than its header is unusable.
 */
public final class DnsParser {
  private static final int HEADER = 12;
  private static final int MAX_NAME_WIRE = 255;

  private byte[] b;
  private int start;
  private int end;
  private int pos;

  /**
   * Parses {@code data[offset, offset + capturedLength)} into {@code m}.
   *
   * @param wireLength the message's length as sent (may exceed what was captured)
   * @return false when not even the header is present
   */
  public boolean parse(byte[] data, int offset, int capturedLength, int wireLength, DnsMessage m) {
    m.reset();
    m.length = wireLength;
    if (capturedLength < HEADER) {
      m.malformed = true;
      m.malformedReason = "message shorter than its header";
      return false;
    }
    b = data;
    start = offset;
    end = offset + capturedLength;
    m.id = u16(offset);
    m.flags = u16(offset + 2);
    m.qdcount = u16(offset + 4);
    m.ancount = u16(offset + 6);
    m.nscount = u16(offset + 8);
    m.arcount = u16(offset + 10);
    pos = offset + HEADER;
    try {
      if (m.qdcount > 0) {
        readName(m.qname);
        require(4);
        m.qtype = u16(pos);
        m.qclass = u16(pos + 2);
        pos += 4;
        m.hasQuestion = true;
        for (int i = 1; i < m.qdcount; i++) {
          skipName();
          require(4);
          pos += 4;
        }
      }
      for (int i = 0; i < m.ancount; i++) {
        skipName();
        require(10);
        long ttl = u32(pos + 4);
        if (ttl > Integer.MAX_VALUE) {
          ttl = 0; // RFC 2181 §8: a TTL with the top bit set is treated as zero
        }
        if (u16(pos) != DnsMessage.TYPE_OPT && (m.minAnswerTtl < 0 || ttl < m.minAnswerTtl)) {
          m.minAnswerTtl = ttl;
        }
        skipRdata();
      }
      for (int i = 0; i < m.nscount; i++) {
        skipName();
        require(10);
        skipRdata();
      }
      for (int i = 0; i < m.arcount; i++) {
        boolean root = pos < end && b[pos] == 0;
        skipName();
        require(10);
        if (root && u16(pos) == DnsMessage.TYPE_OPT && !m.hasOpt) {
          readOpt(m);
        } else {
          skipRdata();
        }
      }
    } catch (WireFormatException e) {
      if (!m.hasQuestion) {
        m.qname.clear();
      }
      m.malformed = true;
      m.malformedReason = e.getMessage();
    }
    return true;
  }

  private void readOpt(DnsMessage m) throws WireFormatException {
    m.hasOpt = true;
    m.ednsUdpSize = u16(pos + 2);
    m.extendedRcodeHigh = b[pos + 4] & 0xFF;
    m.ednsVersion = b[pos + 5] & 0xFF;
    m.ednsDo = (b[pos + 6] & 0x80) != 0;
    int rdlength = u16(pos + 8);
    pos += 10;
    require(rdlength);
    if (m.optData.length < rdlength) {
      m.optData = new byte[Math.max(rdlength, m.optData.length * 2)];
    }
    System.arraycopy(b, pos, m.optData, 0, rdlength);
    m.optLength = rdlength;
    pos += rdlength;
  }

  private void skipRdata() throws WireFormatException {
    int rdlength = u16(pos + 8);
    pos += 10;
    require(rdlength);
    pos += rdlength;
  }

  /**
   * Reads a name, following compression pointers. Every pointer must point before the previous one
   * (or before itself, for the first): well-formed messages only point back to earlier occurrences,
   * and this rule ends every loop.
   */
  private void readName(QName name) throws WireFormatException {
    int p = pos;
    int lastTarget = Integer.MAX_VALUE;
    int wireLength = 0;
    boolean jumped = false;
    while (true) {
      if (p >= end) {
        throw WireFormatException.END_OF_INPUT;
      }
      int len = b[p] & 0xFF;
      if (len == 0) {
        if (!jumped) {
          pos = p + 1;
        }
        name.finishRoot();
        return;
      }
      int kind = len & 0xC0;
      if (kind == 0xC0) {
        if (p + 1 >= end) {
          throw WireFormatException.END_OF_INPUT;
        }
        int target = start + (((len & 0x3F) << 8) | (b[p + 1] & 0xFF));
        if (target >= p) {
          throw target >= lastTarget ? WireFormatException.LOOP : WireFormatException.BAD_POINTER;
        }
        if (target >= lastTarget) {
          throw WireFormatException.LOOP;
        }
        lastTarget = target;
        if (!jumped) {
          pos = p + 2;
          jumped = true;
        }
        p = target;
        continue;
      }
      if (kind != 0) {
        throw WireFormatException.BAD_LABEL_TYPE;
      }
      wireLength += len + 1;
      if (wireLength + 1 > MAX_NAME_WIRE) {
        throw WireFormatException.NAME_TOO_LONG;
      }
      if (p + 1 + len > end) {
        throw WireFormatException.END_OF_INPUT;
      }
      name.startLabel();
      name.appendLabel(b, p + 1, len);
      p += 1 + len;
    }
  }

  /** Skips a name in place: labels up to the root or the first pointer. */
  private void skipName() throws WireFormatException {
    int p = pos;
    int wireLength = 0;
    while (true) {
      if (p >= end) {
        throw WireFormatException.END_OF_INPUT;
      }
      int len = b[p] & 0xFF;
      if (len == 0) {
        pos = p + 1;
        return;
      }
      int kind = len & 0xC0;
      if (kind == 0xC0) {
        if (p + 1 >= end) {
          throw WireFormatException.END_OF_INPUT;
        }
        if (start + (((len & 0x3F) << 8) | (b[p + 1] & 0xFF)) >= p) {
          throw WireFormatException.BAD_POINTER;
        }
        pos = p + 2;
        return;
      }
      if (kind != 0) {
        throw WireFormatException.BAD_LABEL_TYPE;
      }
      wireLength += len + 1;
      if (wireLength + 1 > MAX_NAME_WIRE) {
        throw WireFormatException.NAME_TOO_LONG;
      }
      p += 1 + len;
    }
  }

  private void require(int n) throws WireFormatException {
    if (end - pos < n) {
      throw WireFormatException.END_OF_INPUT;
    }
  }

  private int u16(int p) {
    return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
  }

  private long u32(int p) {
    return ((long) (b[p] & 0xFF) << 24)
        | (b[p + 1] & 0xFF) << 16
        | (b[p + 2] & 0xFF) << 8
        | (b[p + 3] & 0xFF);
  }
}
