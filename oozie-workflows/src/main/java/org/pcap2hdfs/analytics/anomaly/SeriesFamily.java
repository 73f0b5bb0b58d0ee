package org.pcap2hdfs.analytics.anomaly;

/**
 * The kinds of series the detector watches: each a key expression over the warehouse table, an
 * optional row filter, and whether only the busiest keys are kept. A series is named {@code
 * <family>:<key>}, e.g. {@code location:ams}, {@code qtype:16}, {@code prefix:192.0.2.0/24}.
 */
public enum SeriesFamily {
  /** All queries per server location. */
  LOCATION("location", "server_location", "server_location IS NOT NULL"),
  /** Queries per query type (top N). */
  QTYPE("qtype", "CAST(qtype AS STRING)", "qtype IS NOT NULL"),
  /** Queries per client address (top N). */
  SOURCE("src", "src", "src IS NOT NULL"),
  /** Queries per client /24 or /48 (top N). */
  PREFIX("prefix", SourcePrefix.SQL, "src IS NOT NULL"),
  /** Queries without a response. */
  UNANSWERED("unanswered", "'all'", "rcode = -1"),
  /** Responses without a query. */
  UNSOLICITED("unsolicited", "'all'", "req_len IS NULL");

  final String prefix;
  final String keySql;
  final String filterSql;

  SeriesFamily(String prefix, String keySql, String filterSql) {
    this.prefix = prefix;
    this.keySql = keySql;
    this.filterSql = filterSql;
  }

  public String series(String key) {
    return prefix + ":" + key;
  }

  /** How many keys are kept (by total and, separately, by peak interval); 0: all. */
  int top(SpikeConfig config) {
    switch (this) {
      case QTYPE:
        return config.topQtypes;
      case SOURCE:
      case PREFIX:
        return config.topSources;
      default:
        return 0;
    }
  }
}
