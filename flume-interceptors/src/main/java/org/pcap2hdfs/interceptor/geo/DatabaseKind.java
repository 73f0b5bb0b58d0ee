package org.pcap2hdfs.interceptor.geo;

import java.util.Locale;

/** Which lookup a MaxMind database answers, from the {@code database_type} of its metadata. */
enum DatabaseKind {
  /** GeoIP2/GeoLite2 City, and Enterprise (a superset of City). */
  CITY,
  COUNTRY,
  ASN;

  /** The kind of a database type such as {@code GeoLite2-City}, or null when unsupported. */
  static DatabaseKind of(String databaseType) {
    String t = databaseType == null ? "" : databaseType.toLowerCase(Locale.ENGLISH);
    if (t.contains("city") || t.contains("enterprise")) {
      return CITY;
    }
    if (t.contains("country")) {
      return COUNTRY;
    }
    if (t.endsWith("-asn") || t.equals("asn") || t.contains("-asn-")) {
      return ASN;
    }
    return null;
  }
}
