package org.pcap2hdfs.cli.synth;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The questions clients ask and the server's answers, pre-built once: per query type a pool of
 * templates over the zones (zone and name popularity follow Zipf), of which some ask random labels
 * or typos (NXDOMAIN) or names in foreign zones (REFUSED). A query picks its type by the traffic
 * mix, then a template of that type by popularity.
 */
final class TemplatePool {
  private static final String[] TYPOS = {
    "wwww", "ww", "mial", "webmail", "autodiscover", "wpad", "localhost", "owa", "m", "smtp"
  };
  private static final String[] FOREIGN = {
    "google.com.",
    "example.org.",
    "akamaihd.net.",
    "amazonaws.com.",
    "office.com.",
    "cloudflare.net."
  };

  private final int[] qtypes = TrafficProfile.QTYPES;
  private final WeightedPicker qtypePicker = new WeightedPicker(TrafficProfile.QTYPE_WEIGHTS);
  private final MessageTemplate[][] templates;
  private final WeightedPicker[] popularity;

  TemplatePool(Rng rng, ZoneCatalog zones, int size) {
    ResponseFactory responses = new ResponseFactory(rng.fork());
    double total = 0;
    for (double w : TrafficProfile.QTYPE_WEIGHTS) {
      total += w;
    }
    templates = new MessageTemplate[qtypes.length][];
    popularity = new WeightedPicker[qtypes.length];
    for (int t = 0; t < qtypes.length; t++) {
      int n = Math.max(32, (int) (size * TrafficProfile.QTYPE_WEIGHTS[t] / total));
      templates[t] = new MessageTemplate[n];
      for (int i = 0; i < n; i++) {
        templates[t][i] = build(rng, zones, responses, qtypes[t]);
      }
      popularity[t] = WeightedPicker.zipf(n, 0.8);
    }
  }

  MessageTemplate pick(Rng rng) {
    int t = qtypePicker.pick(rng);
    return templates[t][popularity[t].pick(rng)];
  }

  private static MessageTemplate build(Rng rng, ZoneCatalog zones, ResponseFactory f, int qtype) {
    Zone zone = zones.pick(rng);
    double u = rng.nextDouble();
    if (u < TrafficProfile.OUT_OF_ZONE_SHARE) {
      String host = rng.chance(0.5) ? "www." : "";
      Name qname = ZoneCatalog.name(host + FOREIGN[rng.nextInt(FOREIGN.length)]);
      return template(qtype, f.refused(qname, qtype), f.refused(qname, qtype), -1, 0);
    }
    u -= TrafficProfile.OUT_OF_ZONE_SHARE;
    if (u < TrafficProfile.RANDOM_LABEL_SHARE) {
      int length = rng.between(6, 20);
      Name qname = ZoneCatalog.name("x".repeat(length) + "." + zone.apex);
      return template(
          qtype,
          f.respond(zone, qname, qtype, false),
          f.respond(zone, qname, qtype, true),
          1,
          length);
    }
    u -= TrafficProfile.RANDOM_LABEL_SHARE;
    Name qname =
        u < TrafficProfile.TYPO_SHARE
            ? ZoneCatalog.name(TYPOS[rng.nextInt(TYPOS.length)] + "." + zone.apex)
            : target(rng, zone, qtype);
    return template(
        qtype, f.respond(zone, qname, qtype, false), f.respond(zone, qname, qtype, true), -1, 0);
  }

  /** The name a query of this type usually asks in the zone (sometimes another: NODATA). */
  private static Name target(Rng rng, Zone zone, int qtype) {
    switch (qtype) {
      case Type.A:
      case Type.AAAA:
      case Type.HTTPS:
        return addressName(rng, zone);
      case Type.DS:
        return zone.delegation != null && rng.chance(0.7) ? zone.delegation : zone.apex;
      case Type.SRV:
        return zone.service != null ? zone.service : ZoneCatalog.name("_sip._tcp." + zone.apex);
      case Type.CNAME:
        return zone.alias != null ? zone.alias : addressName(rng, zone);
      case Type.TXT:
        return rng.chance(0.3) ? zone.dmarc : zone.apex;
      default:
        return rng.chance(0.85) ? zone.apex : addressName(rng, zone);
    }
  }

  private static Name addressName(Rng rng, Zone zone) {
    double[] w = new double[zone.addressWeights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = zone.addressWeights.get(i);
    }
    return zone.addressNames.get(new WeightedPicker(w).pick(rng));
  }

  private static MessageTemplate template(
      int qtype, Message plain, Message dnssec, int labelOffset, int labelLength) {
    byte[] wire = plain.toWire();
    byte[] wireDnssec = dnssec.toWire();
    int questionLength = plain.getQuestion().getName().length() + 4;
    return new MessageTemplate(
        qtype,
        wire,
        java.util.Arrays.equals(wire, wireDnssec) ? wire : wireDnssec,
        questionLength,
        labelOffset,
        labelLength);
  }
}
