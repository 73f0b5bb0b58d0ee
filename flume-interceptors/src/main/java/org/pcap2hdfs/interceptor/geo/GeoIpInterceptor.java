package org.pcap2hdfs.interceptor.geo;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.EnrichingInterceptor;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.Settings;

/**
 * Flume interceptor filling the geo fields of the event body from MaxMind GeoIP2/GeoLite2
 * databases. Keys: {@link GeoIpSettings}.
 *
 * <pre>
 * a1.sources.r1.interceptors.geo.type = org.pcap2hdfs.interceptor.geo.GeoIpInterceptor$Builder
 * a1.sources.r1.interceptors.geo.locationDatabase = /var/lib/GeoIP/GeoLite2-City.mmdb
 * a1.sources.r1.interceptors.geo.asnDatabase = /var/lib/GeoIP/GeoLite2-ASN.mmdb
 * </pre>
 */
public final class GeoIpInterceptor extends EnrichingInterceptor {
  private GeoIpInterceptor(GeoIpSettings settings, EnrichmentCounters counters) {
    super(List.of(settings.newStage(counters)), List.of(counters));
  }

  /** Builds the interceptor from its Flume context. */
  public static final class Builder implements Interceptor.Builder {
    private GeoIpSettings settings;
    private String counterGroup;

    @Override
    public void configure(Context context) {
      Settings s = new Settings(context, "");
      settings = GeoIpSettings.from(s);
      counterGroup = s.counterGroup("geoip");
    }

    @Override
    public Interceptor build() {
      return new GeoIpInterceptor(settings, new EnrichmentCounters(counterGroup));
    }
  }
}
