package org.pcap2hdfs.interceptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.customer.CustomerSettings;
import org.pcap2hdfs.interceptor.geo.GeoIpSettings;
import org.pcap2hdfs.interceptor.resolver.ResolverSettings;

/**
 * Several enrichment stages in one interceptor, sharing one decode and one encode of each body: the
 * fast way to run them together. Each stage reads its keys under its own prefix and reports to its
 * own counter group {@code <counterGroup>.<stage>}.
 *
 * <pre>
 * a1.sources.r1.interceptors.enrich.type = org.pcap2hdfs.interceptor.EnrichmentInterceptor$Builder
 * a1.sources.r1.interceptors.enrich.stages = geoip customer resolver
 * a1.sources.r1.interceptors.enrich.geoip.locationDatabase = /var/lib/GeoIP/GeoLite2-City.mmdb
 * a1.sources.r1.interceptors.enrich.customer.jdbcUrl = jdbc:postgresql://db.example/dns
 * a1.sources.r1.interceptors.enrich.resolver.prefixFiles = conf/resolvers/public-resolvers.txt
 * </pre>
 */
public final class EnrichmentInterceptor extends EnrichingInterceptor {
  /** The stages to run, in order, separated by spaces or commas: geoip, customer, resolver. */
  public static final String STAGES = "stages";

  private static final Map<String, Function<Settings, StageSettings>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("geoip", GeoIpSettings::from);
    KINDS.put("customer", CustomerSettings::from);
    KINDS.put("resolver", ResolverSettings::from);
  }

  /**
   * The stages {@link #STAGES} names, in order, each configured from the keys under its name
   * (shared with the source's full-address enrichment, {@link FullAddressStages}).
   */
  static List<StageSettings> stageSettings(Settings s) {
    List<String> kinds = new ArrayList<>();
    for (String name : s.required(STAGES).split("[\\s,]+")) {
      String kind = name.toLowerCase(Locale.ENGLISH);
      if (!KINDS.containsKey(kind)) {
        throw s.invalid(STAGES, "unknown stage '" + name + "'; known: " + KINDS.keySet());
      }
      if (kinds.contains(kind)) {
        throw s.invalid(STAGES, "stage '" + name + "' is listed twice");
      }
      kinds.add(kind);
    }
    List<StageSettings> settings = new ArrayList<>();
    for (String kind : kinds) {
      settings.add(KINDS.get(kind).apply(s.sub(kind)));
    }
    return settings;
  }

  private EnrichmentInterceptor(List<EnrichmentStage> stages, List<EnrichmentCounters> counters) {
    super(stages, counters);
  }

  /** Builds the interceptor from its Flume context. */
  public static final class Builder implements Interceptor.Builder {
    private final List<StageSettings> stages = new ArrayList<>();
    private String counterGroup;

    @Override
    public void configure(Context context) {
      Settings s = new Settings(context, "");
      stages.clear();
      stages.addAll(stageSettings(s));
      counterGroup = s.counterGroup("enrichment");
    }

    @Override
    public Interceptor build() {
      List<EnrichmentStage> built = new ArrayList<>();
      List<EnrichmentCounters> counters = new ArrayList<>();
      for (StageSettings st : stages) {
        EnrichmentCounters c = new EnrichmentCounters(counterGroup + "." + st.kind());
        counters.add(c);
        built.add(st.newStage(c));
      }
      return new EnrichmentInterceptor(built, counters);
    }
  }
}
