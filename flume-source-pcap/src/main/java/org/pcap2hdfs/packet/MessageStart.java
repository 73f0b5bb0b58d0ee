package org.pcap2hdfs.packet;

/**
 * Whether bytes of a TCP stream begin a length-prefixed DNS message: how the reassembler finds a
 * message boundary again after a hole, or when a capture starts in the middle of a stream. A start
 * is plausible when the 2-byte length is followed by a DNS header whose flags, counts and question
 * fit within that length (as Wireshark and Suricata probe a stream after a gap).
 */
final class MessageStart {
  static final int NO = 0;
  static final int YES = 1;

  /** Not enough bytes yet to judge. */
  static final int MORE = 2;

  private static final int HEADER = 12;
  private static final int SMALLEST_RECORD = 11; // root name, type, class, TTL, rdlength

  private MessageStart() {}

  /**
   * Judges {@code b[p, p + available)}.
   *
   * @param toServer whether the stream goes to a DNS port (queries expected)
   * @param fromServer whether it comes from a DNS port (responses expected)
   */
  static int judge(byte[] b, int p, int available, boolean toServer, boolean fromServer) {
    if (available < 2 + HEADER) {
      return MORE;
    }
    int length = u16(b, p);
    if (length < HEADER) {
      return NO;
    }
    int h = p + 2;
    int flags = u16(b, h + 2);
    boolean response = (flags & 0x8000) != 0;
    if (toServer != fromServer && response != fromServer) {
      return NO;
    }
    int opcode = (flags >>> 11) & 0xF;
    if (opcode == 3 || opcode > 6 || (flags & 0x0040) != 0) { // unassigned opcode, or Z set
      return NO;
    }
    int questions = u16(b, h + 4);
    long records = (long) u16(b, h + 6) + u16(b, h + 8) + u16(b, h + 10);
    if (questions > 1 || (questions == 0 && !response)) {
      return NO;
    }
    if (HEADER + 5L * questions + SMALLEST_RECORD * records > length) {
      return NO;
    }
    if (questions == 0) {
      return YES; // FORMERR, NOTIMP, zone transfer continuations
    }
    int messageEnd = h + length;
    int end = Math.min(p + available, messageEnd);
    int verdictWhenShort = p + available < messageEnd ? MORE : NO;
    int q = h + HEADER;
    int nameLength = 1;
    while (true) {
      if (q >= end) {
        return verdictWhenShort;
      }
      int label = b[q] & 0xFF;
      q++;
      if (label == 0) {
        break;
      }
      if (label > 63) {
        return NO; // a pointer or extended label cannot begin the first name
      }
      nameLength += label + 1;
      if (nameLength > 255) {
        return NO;
      }
      q += label;
    }
    if (q + 4 > end) {
      return verdictWhenShort;
    }
    int qclass = u16(b, q + 2);
    return qclass == 1 || qclass == 3 || qclass == 4 || qclass == 254 || qclass == 255 ? YES : NO;
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
  }
}
