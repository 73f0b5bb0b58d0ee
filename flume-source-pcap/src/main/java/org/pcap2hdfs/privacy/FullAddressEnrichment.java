package org.pcap2hdfs.privacy;

import java.util.Map;

/**
 * The enrichment the source can run on full addresses. The enrichment code lives in
 * flume-interceptors, which depends on this module: it provides the implementation through {@link
 * java.util.ServiceLoader} ({@code META-INF/services}), found at run time on the agent's classpath
 * (the plugin's lib/ holds both jars) or the CLI's.
 */
public interface FullAddressEnrichment {
  /**
   * Validates the enrichment settings (keys without their prefix, as the combined enrichment
   * interceptor reads them: {@code stages}, {@code geoip.locationDatabase}, ...).
   *
   * @param keyPrefix written before keys in error messages, e.g. {@code privacy.enrich.}
   * @throws RuntimeException naming the key of an invalid setting
   */
  Factory configure(Map<String, String> settings, String keyPrefix);

  /** Validated settings; opens enrichers. */
  interface Factory {
    /** Opens the databases; the enricher reports to counter groups named after {@code name}. */
    FullAddressEnricher open(String name);
  }
}
