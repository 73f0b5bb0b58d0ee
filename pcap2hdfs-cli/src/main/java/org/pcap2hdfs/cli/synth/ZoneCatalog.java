package org.pcap2hdfs.cli.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The zones of the simulated server (a secondary-DNS provider): made-up names under real public
 * suffixes, about two thirds DNSSEC-signed (ECDSA with NSEC, or RSA with NSEC3 and big keys, whose
 * answers fragment), with the usual hosts, mail, SPF/verification TXT, CAA, HTTPS, some
 * delegations.
 */
final class ZoneCatalog {
  private static final String[] WORDS = {
    "northwind",
    "bluebird",
    "oasis",
    "harbor",
    "granite",
    "maple",
    "aurora",
    "summit",
    "lumen",
    "cedar",
    "falcon",
    "meadow",
    "quartz",
    "riverbend",
    "solstice",
    "tundra",
    "vertex",
    "willow",
    "zephyr",
    "atlas",
    "beacon",
    "cobalt",
    "delta",
    "ember",
    "fjord",
    "glacier",
    "horizon",
    "indigo",
    "juniper",
    "kestrel",
    "lagoon",
    "mosaic",
    "nimbus",
    "orchid",
    "pioneer",
    "quill",
    "redwood",
    "sierra",
    "timber",
    "upland",
    "valley",
    "wildrose",
    "yarrow",
    "alpine",
    "bakery",
    "clinic",
    "dental",
    "garage",
    "florist",
    "tailor",
    "studio",
    "legal",
    "pharma",
    "travel",
    "outdoor"
  };
  private static final String[] SUFFIXES = {
    "com", "nl", "de", "ca", "co.uk", "org", "net", "eu", "fr", "com.au", "ch", "be"
  };
  private static final double[] SUFFIX_WEIGHTS = {38, 15, 10, 9, 7, 6, 5, 3, 2, 2, 2, 1};
  private static final String PROVIDER = "secondarydns.net.";

  private final List<Zone> zones;
  private final WeightedPicker popularity;

  ZoneCatalog(Rng rng, int count) {
    List<Zone> list = new ArrayList<>(count);
    WeightedPicker suffix = new WeightedPicker(SUFFIX_WEIGHTS);
    for (int i = 0; i < count; i++) {
      String label = WORDS[rng.nextInt(WORDS.length)] + rng.between(1, 9999);
      list.add(zone(rng, label + "." + SUFFIXES[suffix.pick(rng)] + "."));
    }
    zones = Collections.unmodifiableList(list);
    popularity = WeightedPicker.zipf(count, 0.9);
  }

  Zone pick(Rng rng) {
    return zones.get(popularity.pick(rng));
  }

  List<Zone> zones() {
    return zones;
  }

  private static Zone zone(Rng rng, String apexText) {
    Name apex = name(apexText);
    double kind = rng.nextDouble();
    Zone z;
    if (kind < 0.35) {
      z = new Zone(apex, Zone.UNSIGNED, 0, 0, 0, 0, false);
    } else if (kind < 0.65) {
      z = new Zone(apex, Zone.ECDSAP256SHA256, 256, 256, tag(rng), tag(rng), false);
    } else {
      int zsk = rng.chance(0.5) ? 1024 : 2048;
      z = new Zone(apex, Zone.RSASHA256, 2048, zsk, tag(rng), tag(rng), true);
    }
    long serial = 2026010100L + rng.nextInt(99);
    z.add(
        new SOARecord(
            apex,
            DClass.IN,
            3600,
            name("ns1." + PROVIDER),
            name("hostmaster." + apexText),
            serial,
            7200,
            3600,
            1_209_600,
            3600));
    int nsCount = rng.between(2, 4);
    for (int i = 1; i <= nsCount; i++) {
      z.add(new NSRecord(apex, DClass.IN, 86400, name("ns" + i + "." + PROVIDER)));
    }
    addresses(rng, z, apex, 1.0, 0.7);
    int mx = rng.between(1, 3);
    for (int i = 0; i < mx; i++) {
      Name target = i == 0 ? name("mail." + apexText) : name("mx" + i + ".mailhost.com.");
      z.add(new MXRecord(apex, DClass.IN, 3600, 10 * (i + 1), target));
    }
    z.add(new TXTRecord(apex, DClass.IN, 3600, "v=spf1 mx include:_spf.mailhost.com ~all"));
    if (rng.chance(0.6)) {
      z.add(new TXTRecord(apex, DClass.IN, 3600, "google-site-verification=" + token(rng, 43)));
    }
    if (rng.chance(0.3)) {
      z.add(new TXTRecord(apex, DClass.IN, 3600, "MS=ms" + rng.between(10_000_000, 99_999_999)));
    }
    if (rng.chance(0.2)) {
      z.add(new TXTRecord(apex, DClass.IN, 3600, "v=verify1 " + token(rng, rng.between(80, 240))));
    }
    z.add(new CAARecord(apex, DClass.IN, 3600, 0, "issue", "letsencrypt.org"));
    if (rng.chance(0.4)) {
      z.add(new CAARecord(apex, DClass.IN, 3600, 0, "iodef", "mailto:security@" + apexText));
    }
    if (rng.chance(0.5)) {
      z.add(https(apex, rng));
    }
    if (z.signed()) {
      keys(rng, z);
    }
    z.addressNames.add(apex);
    z.addressWeights.add(25.0);

    Name www = name("www." + apexText);
    if (rng.chance(0.3)) {
      String cdn = apexText.replace('.', '-') + "cdn.cloudedge.net.";
      z.add(new CNAMERecord(www, DClass.IN, 300, name(cdn)));
    } else {
      addresses(rng, z, www, 1.0, 0.6);
      if (rng.chance(0.5)) {
        z.add(https(www, rng));
      }
    }
    z.addressNames.add(www);
    z.addressWeights.add(40.0);

    Name mail = name("mail." + apexText);
    addresses(rng, z, mail, 1.0, 0.5);
    z.addressNames.add(mail);
    z.addressWeights.add(8.0);
    for (String host : new String[] {"api", "cdn", "shop", "blog", "ftp", "vpn", "portal"}) {
      if (rng.chance(0.5)) {
        Name n = name(host + "." + apexText);
        addresses(rng, z, n, 1.0, 0.3);
        z.addressNames.add(n);
        z.addressWeights.add(4.0);
      }
    }
    z.dmarc = name("_dmarc." + apexText);
    z.add(
        new TXTRecord(
            z.dmarc, DClass.IN, 3600, "v=DMARC1; p=quarantine; rua=mailto:dmarc@" + apexText));
    if (rng.chance(0.4)) {
      z.alias = name("intranet." + apexText);
      z.add(new CNAMERecord(z.alias, DClass.IN, 300, www));
    }
    if (rng.chance(0.2)) {
      z.service = name("_sip._tcp." + apexText);
      z.add(new SRVRecord(z.service, DClass.IN, 3600, 10, 60, 5060, name("sip." + apexText)));
    }
    if (rng.chance(0.3)) {
      delegation(rng, z, apexText);
    }
    return z;
  }

  private static void addresses(Rng rng, Zone z, Name owner, double v4Share, double v6Share) {
    if (rng.chance(v4Share)) {
      int n = rng.chance(0.7) ? 1 : 2;
      for (int i = 0; i < n; i++) {
        z.add(new ARecord(owner, DClass.IN, 300, publicV4(rng)));
      }
    }
    if (rng.chance(v6Share)) {
      z.add(new AAAARecord(owner, DClass.IN, 300, v6(rng)));
    }
  }

  private static void keys(Rng rng, Zone z) {
    int alg = z.algorithm;
    z.add(new DNSKEYRecord(z.apex, DClass.IN, 3600, 257, 3, alg, keyBytes(rng, alg, z.kskBits)));
    z.add(new DNSKEYRecord(z.apex, DClass.IN, 3600, 256, 3, alg, keyBytes(rng, alg, z.zskBits)));
    if (rng.chance(0.3)) {
      // a ZSK rollover in progress: the next key is pre-published
      z.add(new DNSKEYRecord(z.apex, DClass.IN, 3600, 256, 3, alg, keyBytes(rng, alg, z.zskBits)));
    }
    if (z.nsec3) {
      z.add(new NSEC3PARAMRecord(z.apex, DClass.IN, 0, 1, 0, 0, new byte[0]));
    }
  }

  private static void delegation(Rng rng, Zone z, String apexText) {
    String child = new String[] {"dept", "eu", "corp", "lab"}[rng.nextInt(4)] + "." + apexText;
    Name childName = name(child);
    z.delegation = childName;
    Name ns1 = name("ns1." + child);
    Name ns2 = name("ns2." + child);
    z.add(new NSRecord(childName, DClass.IN, 86400, ns1));
    z.add(new NSRecord(childName, DClass.IN, 86400, ns2));
    z.add(new ARecord(ns1, DClass.IN, 86400, publicV4(rng)));
    z.add(new ARecord(ns2, DClass.IN, 86400, publicV4(rng)));
    if (rng.chance(0.5)) {
      z.add(new AAAARecord(ns1, DClass.IN, 86400, v6(rng)));
    }
    if (z.signed() && rng.chance(0.5)) {
      z.add(new DSRecord(childName, DClass.IN, 86400, tag(rng), 13, 2, rng.bytes(32)));
    }
  }

  private static Record https(Name owner, Rng rng) {
    byte[] v4 = publicV4(rng);
    byte[] rdata = {
      0, 1, 0, 0, 1, 0, 6, 2, 'h', '2', 2, 'h', '3', 0, 4, 0, 4, v4[0], v4[1], v4[2], v4[3]
    };
    return Record.newRecord(owner, Type.HTTPS, DClass.IN, 300, rdata);
  }

  private static byte[] keyBytes(Rng rng, int algorithm, int bits) {
    if (algorithm == Zone.ECDSAP256SHA256) {
      return rng.bytes(64);
    }
    byte[] key = rng.bytes(bits / 8 + 4);
    key[0] = 3; // exponent length, then 65537
    key[1] = 1;
    key[2] = 0;
    key[3] = 1;
    return key;
  }

  private static int tag(Rng rng) {
    return rng.nextInt(65536);
  }

  private static byte[] publicV4(Rng rng) {
    return new byte[] {
      (byte) rng.between(20, 220),
      (byte) rng.nextInt(256),
      (byte) rng.nextInt(256),
      (byte) rng.between(1, 254)
    };
  }

  private static byte[] v6(Rng rng) {
    byte[] a = rng.bytes(16);
    a[0] = 0x2a;
    a[1] = 0x01;
    return a;
  }

  static String token(Rng rng, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
