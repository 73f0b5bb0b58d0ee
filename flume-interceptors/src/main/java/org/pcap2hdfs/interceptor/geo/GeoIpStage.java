package org.pcap2hdfs.interceptor.geo;

import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.flume.FlumeException;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.interceptor.net.AnswerCache;
import org.pcap2hdfs.interceptor.net.IpLiteral;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.Text;

/**
 * Fills country, city, latitude, longitude, asn and asn_organisation of the client address ({@code
 * src}), and the country and ASN of the EDNS client-subnet address, from MaxMind databases. Answers
 * are cached by address text; the cache is emptied when a database version changes.
 */
final class GeoIpStage implements EnrichmentStage {
  private final GeoIpSettings settings;
  private final EnrichmentCounters counters;
  private final AnswerCache<GeoAnswer> cache;
  private final byte[] address = new byte[16];

  private ReloadingDatabase locationFile;
  private ReloadingDatabase asnFile;
  private OpenDatabase location;
  private OpenDatabase asn;
  private long cachedLocationGeneration = -1;
  private long cachedAsnGeneration = -1;
  private long missed;
  private long hits;
  private long failures;

  GeoIpStage(GeoIpSettings settings, EnrichmentCounters counters) {
    this.settings = settings;
    this.counters = counters;
    this.cache = new AnswerCache<>(settings.cacheSize);
  }

  @Override
  public int[] inputFields() {
    return new int[] {Fields.SRC, Fields.EDNS_CLIENT_SUBNET};
  }

  @Override
  public int[] outputFields() {
    return new int[] {
      Fields.COUNTRY,
      Fields.CITY,
      Fields.LATITUDE,
      Fields.LONGITUDE,
      Fields.ASN,
      Fields.ASN_ORGANISATION,
      Fields.EDNS_CLIENT_SUBNET_COUNTRY,
      Fields.EDNS_CLIENT_SUBNET_ASN
    };
  }

  @Override
  public void open() {
    locationFile = share(settings.locationDatabase);
    try {
      asnFile = share(settings.asnDatabase);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private ReloadingDatabase share(Path file) {
    if (file == null) {
      return null;
    }
    try {
      ReloadingDatabase db = SharedDatabases.acquire(file, settings.reloadCheckMillis);
      db.addListener(counters);
      return db;
    } catch (IOException e) {
      throw new FlumeException("cannot open GeoIP database " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void beginBatch() {
    location = locationFile == null ? null : locationFile.acquire();
    asn = asnFile == null ? null : asnFile.acquire();
    long lg = location == null ? 0 : location.generation;
    long ag = asn == null ? 0 : asn.generation;
    if (lg != cachedLocationGeneration || ag != cachedAsnGeneration) {
      cache.clear();
      cachedLocationGeneration = lg;
      cachedAsnGeneration = ag;
    }
  }

  @Override
  public boolean enrich(Row row) {
    boolean set = false;
    Text src = row.getText(Fields.SRC);
    if (src != null) {
      set = answer(src.bytes(), 0, src.length()).writeClient(row);
    }
    Text ecs = row.getText(Fields.EDNS_CLIENT_SUBNET);
    if (ecs != null) {
      int end = IpLiteral.addressEnd(ecs.bytes(), 0, ecs.length());
      set |= answer(ecs.bytes(), 0, end).writeClientSubnet(row);
    }
    return set;
  }

  private GeoAnswer answer(byte[] text, int off, int len) {
    GeoAnswer a = cache.get(text, off, len);
    if (a != null) {
      hits++;
    } else {
      a = lookUp(text, off, len);
      cache.put(text, off, len, a);
    }
    if (a == GeoAnswer.NONE) {
      missed++;
    }
    return a;
  }

  private GeoAnswer lookUp(byte[] text, int off, int len) {
    int n = IpLiteral.parse(text, off, len, address);
    if (n == 0) {
      return GeoAnswer.NONE;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByAddress(Arrays.copyOf(address, n));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only for lengths other than 4 and 16
    }
    String country = null;
    String city = null;
    double latitude = Double.NaN;
    double longitude = Double.NaN;
    String asnNumber = null;
    String organisation = null;
    try {
      if (location != null && location.kind == DatabaseKind.CITY) {
        Optional<CityResponse> r = location.reader.tryCity(ip);
        if (r.isPresent()) {
          country = r.get().getCountry().getIsoCode();
          city = r.get().getCity().getName();
          Double lat = r.get().getLocation().getLatitude();
          Double lon = r.get().getLocation().getLongitude();
          if (lat != null && lon != null) {
            latitude = lat;
            longitude = lon;
          }
        }
      } else if (location != null) {
        Optional<CountryResponse> r = location.reader.tryCountry(ip);
        if (r.isPresent()) {
          country = r.get().getCountry().getIsoCode();
        }
      }
      if (asn != null) {
        Optional<AsnResponse> r = asn.reader.tryAsn(ip);
        if (r.isPresent() && r.get().getAutonomousSystemNumber() != null) {
          asnNumber = Long.toString(r.get().getAutonomousSystemNumber());
          organisation = r.get().getAutonomousSystemOrganization();
        }
      }
    } catch (IOException | GeoIp2Exception | RuntimeException e) {
      failures++;
    }
    GeoAnswer a = new GeoAnswer(country, city, latitude, longitude, asnNumber, organisation);
    return a.isEmpty() ? GeoAnswer.NONE : a;
  }

  @Override
  public void endBatch() {
    if (location != null) {
      location.release();
      location = null;
    }
    if (asn != null) {
      asn.release();
      asn = null;
    }
    counters.addLookups(missed, hits, failures);
    missed = 0;
    hits = 0;
    failures = 0;
  }

  @Override
  public void close() {
    for (ReloadingDatabase db : new ReloadingDatabase[] {locationFile, asnFile}) {
      if (db != null) {
        db.removeListener(counters);
        SharedDatabases.release(db);
      }
    }
    locationFile = null;
    asnFile = null;
  }
}
