package org.pcap2hdfs.testing;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/** DNS messages for tests, built with dnsjava. */
public final class Dns {
  private Dns() {}

  public static Message query(int id, String name, int type) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.RD);
    m.addRecord(Record.newRecord(name(name), type, DClass.IN), Section.QUESTION);
    return m;
  }

  public static Message response(Message query, int rcode) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    r.getHeader().setRcode(rcode);
    Record q = query.getQuestion();
    if (q != null) {
      r.addRecord(q, Section.QUESTION);
    }
    return r;
  }

  /** A response with an empty question section (rate-limit slip, FORMERR, BADKEY style). */
  public static Message responseWithoutQuestion(int id, int rcode, boolean truncated) {
    Message r = new Message(id);
    r.getHeader().setFlag(Flags.QR);
    if (truncated) {
      r.getHeader().setFlag(Flags.TC);
    }
    r.getHeader().setRcode(rcode);
    return r;
  }

  public static int noError() {
    return Rcode.NOERROR;
  }

  public static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
