package org.pcap2hdfs.interceptor.geo;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/** What the databases know about one address, kept as UTF-8 bytes ready to copy into rows. */
final class GeoAnswer {
  static final GeoAnswer NONE = new GeoAnswer(null, null, Double.NaN, Double.NaN, null, null);

  private final byte[] country;
  private final byte[] city;
  private final double latitude;
  private final double longitude;
  private final byte[] asn;
  private final byte[] asnOrganisation;

  GeoAnswer(
      String country,
      String city,
      double latitude,
      double longitude,
      String asn,
      String asnOrganisation) {
    this.country = utf8(country);
    this.city = utf8(city);
    this.latitude = latitude;
    this.longitude = longitude;
    this.asn = utf8(asn);
    this.asnOrganisation = utf8(asnOrganisation);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  boolean isEmpty() {
    return country == null && city == null && Double.isNaN(latitude) && asn == null;
  }

  /** Sets the client fields this answer has; true when it set any. */
  boolean writeClient(Row row) {
    boolean set = put(row, Fields.COUNTRY, country);
    set |= put(row, Fields.CITY, city);
    if (!Double.isNaN(latitude) && !Double.isNaN(longitude)) {
      row.setDouble(Fields.LATITUDE, latitude);
      row.setDouble(Fields.LONGITUDE, longitude);
      set = true;
    }
    set |= put(row, Fields.ASN, asn);
    set |= put(row, Fields.ASN_ORGANISATION, asnOrganisation);
    return set;
  }

  /** Sets the client-subnet fields (country, ASN) this answer has; true when it set any. */
  boolean writeClientSubnet(Row row) {
    boolean set = put(row, Fields.EDNS_CLIENT_SUBNET_COUNTRY, country);
    set |= put(row, Fields.EDNS_CLIENT_SUBNET_ASN, asn);
    return set;
  }

  private static boolean put(Row row, int field, byte[] value) {
    if (value == null) {
      return false;
    }
    row.text(field).append(value, 0, value.length);
    return true;
  }
}
