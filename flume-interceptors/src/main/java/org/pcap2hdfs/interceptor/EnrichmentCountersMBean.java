package org.pcap2hdfs.interceptor;

/**
 * The JMX view of {@link EnrichmentCounters}; Flume's HTTP/JSON and Ganglia monitoring read the
 * registered MBeans, so every counter needs a getter here.
 */
public interface EnrichmentCountersMBean {
  long getEventsIn();

  long getRowsIn();

  long getRowsEnriched();

  long getEventsUndecodable();

  long getLookupsMissed();

  long getCacheHits();

  long getLookupFailures();

  long getRefreshes();

  long getRefreshFailures();

  long getStartTime();

  long getStopTime();

  String getType();
}
