package org.pcap2hdfs.cli.synth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What an authoritative server answers, built with dnsjava: answers, CNAME chains, NODATA and
 * NXDOMAIN with SOA and (with DO) NSEC or NSEC3 denial, referrals with glue and DS, REFUSED outside
 * its zones. Signatures and hashes are random bytes of the right sizes: the traffic looks real to a
 * decoder, nobody validates it. No OPT record: the generator appends one per query.
 */
final class ResponseFactory {
  private static final Instant INCEPTION = Instant.ofEpochSecond(1_767_225_600L);
  private static final Instant EXPIRATION = Instant.ofEpochSecond(1_769_817_600L);
  private static final int[] NSEC_TYPES = {Type.A, Type.AAAA, Type.RRSIG, Type.NSEC};
  private static final int[] NSEC3_TYPES = {Type.A, Type.AAAA, Type.RRSIG};

  private final Rng rng;

  ResponseFactory(Rng rng) {
    this.rng = rng;
  }

  /** The response of {@code zone}'s server to a query for {@code qname}/{@code qtype}. */
  Message respond(Zone zone, Name qname, int qtype, boolean dnssecOk) {
    Message m = header(qname, qtype);
    boolean dnssec = dnssecOk && zone.signed();
    Name cut = delegationAbove(zone, qname, qtype);
    if (cut != null) {
      referral(m, zone, cut, dnssec);
      return m;
    }
    m.getHeader().setFlag(Flags.AA);
    Zone.Node node = zone.node(qname);
    if (node == null || node.rrsets.isEmpty()) {
      m.getHeader().setRcode(Rcode.NXDOMAIN);
      negative(m, zone, qname, dnssec, true);
      return m;
    }
    if (qtype == Type.ANY) {
      for (List<Record> rrset : node.rrsets.values()) {
        answer(m, zone, rrset, dnssec);
      }
      return m;
    }
    List<Record> cname = node.rrsets.get(Type.CNAME);
    if (cname != null && qtype != Type.CNAME) {
      answer(m, zone, cname, dnssec);
      Zone.Node target = zone.node(((CNAMERecord) cname.get(0)).getTarget());
      if (target != null && target.rrsets.containsKey(qtype)) {
        answer(m, zone, target.rrsets.get(qtype), dnssec);
      }
      return m;
    }
    List<Record> rrset = node.rrsets.get(qtype);
    if (rrset != null) {
      answer(m, zone, rrset, dnssec);
      return m;
    }
    negative(m, zone, qname, dnssec, false);
    return m;
  }

  /** REFUSED: a name outside every zone of the server. */
  Message refused(Name qname, int qtype) {
    Message m = header(qname, qtype);
    m.getHeader().setRcode(Rcode.REFUSED);
    return m;
  }

  private static Message header(Name qname, int qtype) {
    Message m = new Message(0);
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(Record.newRecord(qname, qtype, DClass.IN), Section.QUESTION);
    return m;
  }

  private static Name delegationAbove(Zone zone, Name qname, int qtype) {
    Name cut = zone.delegation;
    if (cut == null || !qname.subdomain(cut)) {
      return null;
    }
    return qname.equals(cut) && qtype == Type.DS ? null : cut;
  }

  private void answer(Message m, Zone zone, List<Record> rrset, boolean dnssec) {
    for (Record r : rrset) {
      m.addRecord(r, Section.ANSWER);
    }
    if (dnssec) {
      m.addRecord(signature(zone, rrset), Section.ANSWER);
    }
  }

  private void negative(Message m, Zone zone, Name qname, boolean dnssec, boolean nxdomain) {
    List<Record> soa = zone.node(zone.apex).rrsets.get(Type.SOA);
    m.addRecord(soa.get(0), Section.AUTHORITY);
    if (!dnssec) {
      return;
    }
    m.addRecord(signature(zone, soa), Section.AUTHORITY);
    int proofs = nxdomain ? (zone.nsec3 ? 3 : 2) : 1;
    for (int i = 0; i < proofs; i++) {
      Record proof = denial(zone, i == 0 && !nxdomain ? qname : null);
      m.addRecord(proof, Section.AUTHORITY);
      m.addRecord(signature(zone, List.of(proof)), Section.AUTHORITY);
    }
  }

  /** An NSEC or NSEC3 record; with {@code owner} it matches that name, else it covers a gap. */
  private Record denial(Zone zone, Name owner) {
    if (zone.nsec3) {
      Name hashed = ZoneCatalog.name(base32hex(20) + "." + zone.apex);
      return new NSEC3Record(
          hashed, DClass.IN, 3600, 1, 0, 0, new byte[0], rng.bytes(20), NSEC3_TYPES);
    }
    List<Name> names = new ArrayList<>(zone.nodes.keySet());
    Name from = owner != null ? owner : names.get(rng.nextInt(names.size()));
    Name next = names.get(rng.nextInt(names.size()));
    return new NSECRecord(from, DClass.IN, 3600, next, NSEC_TYPES);
  }

  private void referral(Message m, Zone zone, Name cut, boolean dnssec) {
    Zone.Node node = zone.node(cut);
    List<Record> ns = node.rrsets.get(Type.NS);
    for (Record r : ns) {
      m.addRecord(r, Section.AUTHORITY);
    }
    List<Record> ds = node.rrsets.get(Type.DS);
    if (dnssec && ds != null) {
      for (Record r : ds) {
        m.addRecord(r, Section.AUTHORITY);
      }
      m.addRecord(signature(zone, ds), Section.AUTHORITY);
    } else if (dnssec) {
      Record proof = denial(zone, cut);
      m.addRecord(proof, Section.AUTHORITY);
      m.addRecord(signature(zone, List.of(proof)), Section.AUTHORITY);
    }
    for (Record r : ns) {
      Zone.Node glue = zone.node(((NSRecord) r).getTarget());
      if (glue == null) {
        continue;
      }
      for (Map.Entry<Integer, List<Record>> e : glue.rrsets.entrySet()) {
        for (Record g : e.getValue()) {
          m.addRecord(g, Section.ADDITIONAL);
        }
      }
    }
  }

  private RRSIGRecord signature(Zone zone, List<Record> rrset) {
    Record first = rrset.get(0);
    boolean keySet = first.getType() == Type.DNSKEY;
    return new RRSIGRecord(
        first.getName(),
        DClass.IN,
        first.getTTL(),
        first.getType(),
        zone.algorithm,
        first.getTTL(),
        EXPIRATION,
        INCEPTION,
        keySet ? zone.kskTag : zone.zskTag,
        zone.apex,
        rng.bytes(zone.signatureLength(keySet)));
  }

  private String base32hex(int bytes) {
    String alphabet = "0123456789abcdefghijklmnopqrstuv";
    StringBuilder sb = new StringBuilder(bytes * 8 / 5);
    for (int i = 0; i < bytes * 8 / 5; i++) {
      sb.append(alphabet.charAt(rng.nextInt(32)));
    }
    return sb.toString();
  }
}
