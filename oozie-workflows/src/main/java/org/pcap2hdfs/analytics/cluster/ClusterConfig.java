package org.pcap2hdfs.analytics.cluster;

import java.util.Map;

/**
 * The domain clustering's settings: every key declared once here with its default and a one-line
 * doc, read from a string map and validated with messages that name the key.
 */
public final class ClusterConfig {
  private static final String P = "pcap2hdfs.clusters.";

  /** Table (or view) of the warehouse the features are computed from. */
  public static final String TABLE = P + "table";

  public static final String DEFAULT_TABLE = "queries";

  /** Domains with fewer queries in the window are left out (too little to characterise). */
  public static final String MIN_QUERIES = P + "min.queries";

  public static final int DEFAULT_MIN_QUERIES = 5;

  /** Smallest number of clusters tried. */
  public static final String K_MIN = P + "k.min";

  public static final int DEFAULT_K_MIN = 2;

  /** Largest number of clusters tried (the one with the best silhouette is kept). */
  public static final String K_MAX = P + "k.max";

  public static final int DEFAULT_K_MAX = 8;

  /** Seed of K-means++'s initial centres and of the samples: equal inputs give equal clusters. */
  public static final String SEED = P + "seed";

  public static final long DEFAULT_SEED = 20261206L;

  /** k is chosen on a seeded sample of at most this many domains (silhouette is quadratic). */
  public static final String SAMPLE = P + "sample";

  public static final int DEFAULT_SAMPLE = 3000;

  /** K-means iterations at most. */
  public static final String MAX_ITERATIONS = P + "max.iterations";

  public static final int DEFAULT_MAX_ITERATIONS = 100;

  /** Example domains kept per cluster profile (the busiest). */
  public static final String EXAMPLES = P + "examples";

  public static final int DEFAULT_EXAMPLES = 5;

  final String table;
  final int minQueries;
  final int kMin;
  final int kMax;
  final long seed;
  final int sample;
  final int maxIterations;
  final int examples;

  private ClusterConfig(Map<String, String> m) {
    table = m.getOrDefault(TABLE, DEFAULT_TABLE).trim();
    if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw new IllegalArgumentException(TABLE + ": not a table name: " + table);
    }
    minQueries = intAtLeast(m, MIN_QUERIES, DEFAULT_MIN_QUERIES, 1);
    kMin = intAtLeast(m, K_MIN, DEFAULT_K_MIN, 2);
    kMax = intAtLeast(m, K_MAX, DEFAULT_K_MAX, 2);
    if (kMax < kMin) {
      throw new IllegalArgumentException(K_MAX + " (" + kMax + ") is below " + K_MIN);
    }
    String s = m.get(SEED);
    try {
      seed = s == null ? DEFAULT_SEED : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED + ": expected an integer, got '" + s + "'");
    }
    sample = intAtLeast(m, SAMPLE, DEFAULT_SAMPLE, 10);
    maxIterations = intAtLeast(m, MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS, 1);
    examples = intAtLeast(m, EXAMPLES, DEFAULT_EXAMPLES, 1);
  }

  public static ClusterConfig of(Map<String, String> settings) {
    return new ClusterConfig(settings);
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(Map.of());
  }

  private static int intAtLeast(Map<String, String> m, String key, int dflt, int min) {
    String s = m.get(key);
    if (s == null) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(s.trim());
      if (v < min) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected an integer of at least " + min + ", got '" + s + "'");
    }
  }
}
