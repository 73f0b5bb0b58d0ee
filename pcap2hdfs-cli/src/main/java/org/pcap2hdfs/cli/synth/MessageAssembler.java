package org.pcap2hdfs.cli.synth;

/**
 * Assembles the wire bytes of one query and of the server's response from a template and a {@link
 * QueryShape}: header, the (rewritten) question, and the OPT records each side sends.
 */
final class MessageAssembler {
  private static final int QR = 0x8000;
  private static final int AA = 0x0400;
  private static final int TC = 0x0200;
  private static final int RD = 0x0100;
  private static final int FORMERR = 1;

  private final WireWriter options = new WireWriter(128);
  private final byte[] question = new byte[260];
  private int questionLength;

  /** Copies the template's question and rewrites its letters for this query. */
  void prepareQuestion(MessageTemplate t, Rng rng, boolean randomCase) {
    questionLength = t.question.length;
    System.arraycopy(t.question, 0, question, 0, questionLength);
    if (t.randomLabelOffset >= 0) {
      randomLabel(rng, question, t.randomLabelOffset, t.randomLabelLength);
    }
    if (randomCase) {
      randomiseCase(rng, question, questionLength - 4);
    }
  }

  /** Sets the question from raw bytes (name wire form, type, class). */
  void setQuestion(byte[] b, int off, int len) {
    System.arraycopy(b, off, question, 0, len);
    questionLength = len;
  }

  void query(WireWriter w, QueryShape q) {
    w.reset();
    w.u16(q.id).u16(q.recursionDesired ? RD : 0).u16(1).u16(0).u16(0).u16(q.edns ? 1 : 0);
    w.bytes(question, 0, questionLength);
    if (q.edns) {
      options.reset();
      if (q.clientSubnet) {
        Edns.clientSubnet(options, q.subnetAddress, q.subnetPrefix, 0, q.subnetHostBits);
      }
      if (q.clientCookie != null) {
        Edns.cookie(options, q.clientCookie, q.serverCookie);
      }
      if (q.nsid) {
        Edns.nsid(options, new byte[0]);
      }
      Edns.opt(w, q.udpSize, 0, q.dnssecOk, options.bytes(), options.length());
    }
  }

  /** The full response (what goes over TCP, or over UDP when it fits). */
  void response(WireWriter w, MessageTemplate t, QueryShape q) {
    byte[] r = t.response(q.dnssecOk);
    w.reset();
    w.bytes(r, 0, MessageTemplate.HEADER);
    w.set16(0, q.id);
    w.set16(2, (w.get16(2) & ~RD) | (q.recursionDesired ? RD : 0));
    w.bytes(question, 0, questionLength);
    int rest = MessageTemplate.HEADER + questionLength;
    w.bytes(r, rest, r.length - rest);
    responseOpt(w, q);
  }

  /** A truncated response: header with TC, the question, the OPT record; no records. */
  void truncated(WireWriter w, MessageTemplate t, QueryShape q) {
    byte[] r = t.response(q.dnssecOk);
    int flags = ((r[2] & 0xFF) << 8 | (r[3] & 0xFF)) & ~RD;
    w.reset();
    w.u16(q.id).u16(flags | TC | (q.recursionDesired ? RD : 0)).u16(1).u16(0).u16(0).u16(0);
    w.bytes(question, 0, questionLength);
    responseOpt(w, q);
  }

  /** FORMERR without a question section (what some servers send for queries they reject). */
  void formErrorWithoutQuestion(WireWriter w, QueryShape q) {
    w.reset();
    w.u16(q.id).u16(QR | FORMERR | (q.recursionDesired ? RD : 0)).u16(0).u16(0).u16(0).u16(0);
  }

  private void responseOpt(WireWriter w, QueryShape q) {
    if (!q.edns) {
      return;
    }
    options.reset();
    if (q.clientSubnet) {
      Edns.clientSubnet(options, q.subnetAddress, q.subnetPrefix, q.subnetPrefix, false);
    }
    if (q.clientCookie != null) {
      Edns.cookie(options, q.clientCookie, serverCookieFor(q));
    }
    if (q.nsid) {
      Edns.nsid(options, TrafficProfile.SERVER_NSID);
    }
    Edns.opt(w, TrafficProfile.SERVER_UDP_SIZE, 0, q.dnssecOk, options.bytes(), options.length());
    w.set16(10, w.get16(10) + 1);
  }

  private static byte[] serverCookieFor(QueryShape q) {
    return q.serverCookie != null ? q.serverCookie : SERVER_COOKIE;
  }

  private static final byte[] SERVER_COOKIE = {
    1, 0, 0, 0, 0x69, 0x6a, 0x5c, 0x00, 0x3f, 0x12, 0x7a, (byte) 0x9e, 0x11, 0x42, 0x08, 0x5d
  };

  static void randomLabel(Rng rng, byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      int r = rng.nextInt(36);
      b[off + i] = (byte) (r < 26 ? 'a' + r : '0' + r - 26);
    }
  }

  /** 0x20 randomisation: flips the case of letters in the name at the start of {@code b}. */
  static void randomiseCase(Rng rng, byte[] b, int nameLength) {
    int p = 0;
    while (p < nameLength && b[p] != 0) {
      int len = b[p] & 0xFF;
      for (int i = p + 1; i <= p + len; i++) {
        int c = b[i] | 0x20;
        if (c >= 'a' && c <= 'z' && rng.chance(0.5)) {
          b[i] = (byte) (b[i] ^ 0x20);
        }
      }
      p += len + 1;
    }
  }
}
