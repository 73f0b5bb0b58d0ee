package org.pcap2hdfs.interceptor.geo;

import java.io.IOException;
import java.nio.file.Path;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.interceptor.Settings;
import org.pcap2hdfs.interceptor.StageSettings;

/** Configuration of the GeoIP stage: its keys, defaults and validation. */
public final class GeoIpSettings implements StageSettings {
  /** Path of a GeoIP2/GeoLite2 City or Country database: country, city, latitude, longitude. */
  public static final String LOCATION_DATABASE = "locationDatabase";

  /** Path of a GeoLite2/GeoIP2 ASN database: asn, asn_organisation. */
  public static final String ASN_DATABASE = "asnDatabase";

  /** Milliseconds between checks for a replaced database file; 0 turns reloading off. */
  public static final String RELOAD_CHECK_MILLIS = "reloadCheckMillis";

  public static final long DEFAULT_RELOAD_CHECK_MILLIS = 60_000;

  /** Entries of the per-interceptor cache of answers by address text. */
  public static final String CACHE_SIZE = "cacheSize";

  public static final int DEFAULT_CACHE_SIZE = 16_384;

  final Path locationDatabase;
  final Path asnDatabase;
  final long reloadCheckMillis;
  final int cacheSize;

  private GeoIpSettings(Path location, Path asn, long reloadCheckMillis, int cacheSize) {
    this.locationDatabase = location;
    this.asnDatabase = asn;
    this.reloadCheckMillis = reloadCheckMillis;
    this.cacheSize = cacheSize;
  }

  /** Reads and checks the settings; opens each database once to prove it is usable. */
  public static GeoIpSettings from(Settings s) {
    Path location = s.readableFile(LOCATION_DATABASE);
    Path asn = s.readableFile(ASN_DATABASE);
    if (location == null && asn == null) {
      throw s.invalid(LOCATION_DATABASE, "set it, " + ASN_DATABASE + " or both");
    }
    checkDatabase(s, LOCATION_DATABASE, location, false);
    checkDatabase(s, ASN_DATABASE, asn, true);
    return new GeoIpSettings(
        location,
        asn,
        s.longAtLeast(RELOAD_CHECK_MILLIS, DEFAULT_RELOAD_CHECK_MILLIS, 0),
        s.intAtLeast(CACHE_SIZE, DEFAULT_CACHE_SIZE, 1));
  }

  private static void checkDatabase(Settings s, String key, Path file, boolean asn) {
    if (file == null) {
      return;
    }
    OpenDatabase db;
    try {
      db = OpenDatabase.load(file);
    } catch (IOException | RuntimeException e) {
      throw s.invalid(
          key,
          "cannot use " + file.toAbsolutePath() + " as a MaxMind database: " + e.getMessage(),
          e);
    }
    DatabaseKind kind = db.kind;
    String type = db.databaseType;
    db.release();
    if ((kind == DatabaseKind.ASN) != asn) {
      throw s.invalid(
          key,
          file.toAbsolutePath()
              + " is a "
              + type
              + " database; expected "
              + (asn ? "an ASN" : "a City or Country")
              + " database");
    }
  }

  @Override
  public String kind() {
    return "geoip";
  }

  @Override
  public EnrichmentStage newStage(EnrichmentCounters counters) {
    return new GeoIpStage(this, counters);
  }
}
