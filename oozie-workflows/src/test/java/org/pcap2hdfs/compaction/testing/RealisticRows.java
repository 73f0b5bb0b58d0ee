package org.pcap2hdfs.compaction.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * {@link SyntheticRows} with the cardinalities of a busy authoritative/recursive mix: 200,000
 * registered domains and 50,000 clients, both with Zipf popularity (s = 1.0 and 0.9), subdomains
 * from a small common set plus 3 % random labels, a weighted qtype mix and geo enrichment (country,
 * city, coordinates, ASN) from 300 cities, one city and one ASN per client. Row {@code i} is always
 * the same; {@link #domainRank(long)} gives its domain's rank without building the row (to order
 * rows as the compaction's sort does).
 */
public final class RealisticRows {
  private static final int DOMAINS = 200_000;
  private static final int CLIENTS = 50_000;
  private static final int CITIES = 300;
  private static final int ASNS = 2_000;
  private static final String[] TLDS = {
    "com", "com", "com", "com", "com", "net", "net", "org", "ca", "ca", "de", "co.uk", "io", "fr"
  };
  private static final String[] SUBS = {"", "", "", "", "www", "www", "www", "mail", "api", "cdn"};
  private static final String[] COUNTRIES = {
    "CA", "US", "US", "US", "FR", "DE", "GB", "NL", "BR", "JP", "IN", "CN", "AU", "SE"
  };
  private static final int[] QTYPES = {1, 28, 65, 12, 15, 16, 2, 6, 33, 43, 48, 5, 255};
  private static final int[] QTYPE_WEIGHTS = {55, 25, 6, 4, 2, 2, 1, 1, 1, 1, 1, 1, 0};
  private static final int QTYPE_TOTAL = Arrays.stream(QTYPE_WEIGHTS).sum();

  private static final double[] DOMAIN_CDF = zipfCdf(DOMAINS, 1.0);
  private static final double[] CLIENT_CDF = zipfCdf(CLIENTS, 0.9);

  private final long seed;
  private final SyntheticRows base;

  public RealisticRows(long seed, long startUs, long stepUs, String server) {
    this.seed = seed;
    this.base = new SyntheticRows(seed, startUs, stepUs, server);
  }

  /** The popularity rank (0 = most popular) of row i's registered domain. */
  public int domainRank(long i) {
    return draw(DOMAIN_CDF, random(i, 1).nextDouble());
  }

  public void fill(Row row, long i) {
    base.fill(row, i);
    SplittableRandom r = random(i, 2);
    int domain = domainRank(i);
    String tld = TLDS[(int) (mix(domain) >>> 33) % TLDS.length];
    String dn = label(domain, 5 + (int) (mix(domain * 7L) >>> 60)) + "." + tld;
    String sub =
        r.nextInt(100) < 3 ? Long.toHexString(r.nextLong() >>> 24) : SUBS[r.nextInt(SUBS.length)];
    String qname = sub.isEmpty() ? dn : sub + "." + dn;
    row.setString(Fields.QNAME, qname);
    row.setString(Fields.DOMAINNAME, dn);
    row.setString(Fields.TLD, tld.substring(tld.lastIndexOf('.') + 1));
    row.setString(Fields.PUBLIC_SUFFIX, tld);
    row.setInt(Fields.LABELS, (int) qname.chars().filter(c -> c == '.').count() + 1);

    int client = draw(CLIENT_CDF, r.nextDouble());
    boolean v6 = client % 3 == 0;
    long h = mix(client + 0x51ED);
    row.setInt(Fields.IPV, v6 ? 6 : 4);
    row.setString(
        Fields.SRC,
        v6
            ? "2001:db8:"
                + Integer.toHexString((int) (h >>> 48))
                + ":"
                + Integer.toHexString(client)
                + "::"
                + Integer.toHexString((int) (h & 0xFFF))
            : (10 + (h >>> 56) % 200)
                + "."
                + ((h >>> 48) & 0xFF)
                + "."
                + (client >> 8 & 0xFF)
                + "."
                + (client & 0xFF));
    row.setString(Fields.DST, v6 ? "2001:db8::1" : "198.51.100.1");
    int city = (int) ((h >>> 20) % CITIES);
    row.setString(Fields.COUNTRY, COUNTRIES[city % COUNTRIES.length]);
    row.setString(Fields.CITY, "city" + city);
    row.setDouble(Fields.LATITUDE, -60 + (mix(city) >>> 40) % 12_000 / 100.0);
    row.setDouble(Fields.LONGITUDE, -180 + (mix(city + 1) >>> 40) % 36_000 / 100.0);
    int asn = 64_512 + (int) ((h >>> 8) % ASNS);
    row.setString(Fields.ASN, Integer.toString(asn));
    row.setString(Fields.ASN_ORGANISATION, "AS" + asn + " Example Networks");

    int w = r.nextInt(QTYPE_TOTAL);
    int q = 0;
    while (w >= QTYPE_WEIGHTS[q]) {
      w -= QTYPE_WEIGHTS[q++];
    }
    row.setInt(Fields.QTYPE, QTYPES[q]);
  }

  public String eventId(long i) {
    return base.eventId(i);
  }

  private SplittableRandom random(long i, int stream) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + i * 4 + stream));
  }

  private static String label(int domain, int len) {
    StringBuilder s = new StringBuilder(len);
    long h = mix(domain + 0xD0D0L);
    for (int k = 0; k < len; k++) {
      s.append((char) ('a' + (int) Long.remainderUnsigned(h, 26)));
      h = mix(h + k);
    }
    return s.toString();
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  private static int draw(double[] cdf, double u) {
    int k = Arrays.binarySearch(cdf, u);
    return Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
