package org.pcap2hdfs.interceptor;

/** The validated configuration of one kind of stage; makes stages for interceptors. */
public interface StageSettings {
  /** Short name of the kind: {@code geoip}, {@code customer}, {@code resolver}. */
  String kind();

  /** A new, unopened stage that reports to {@code counters}. */
  EnrichmentStage newStage(EnrichmentCounters counters);
}
