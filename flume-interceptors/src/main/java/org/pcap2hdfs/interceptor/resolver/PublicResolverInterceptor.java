package org.pcap2hdfs.interceptor.resolver;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.EnrichingInterceptor;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.Settings;

/**
 * Flume interceptor filling pub_resolver of the event body when the client address lies in a public
 * resolver's published egress ranges. Keys: {@link ResolverSettings}.
 *
 * <pre>
 * a1.sources.r1.interceptors.pub.type = org.pcap2hdfs.interceptor.resolver.PublicResolverInterceptor$Builder
 * a1.sources.r1.interceptors.pub.prefixFiles = conf/resolvers/public-resolvers.txt
 * </pre>
 */
public final class PublicResolverInterceptor extends EnrichingInterceptor {
  private PublicResolverInterceptor(ResolverSettings settings, EnrichmentCounters counters) {
    super(List.of(settings.newStage(counters)), List.of(counters));
  }

  /** Builds the interceptor from its Flume context. */
  public static final class Builder implements Interceptor.Builder {
    private ResolverSettings settings;
    private String counterGroup;

    @Override
    public void configure(Context context) {
      Settings s = new Settings(context, "");
      settings = ResolverSettings.from(s);
      counterGroup = s.counterGroup("resolver");
    }

    @Override
    public Interceptor build() {
      return new PublicResolverInterceptor(settings, new EnrichmentCounters(counterGroup));
    }
  }
}
