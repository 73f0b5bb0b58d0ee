package org.pcap2hdfs.analytics.cluster;

import java.util.List;

/** One cluster: size, centroid in the features' original units (members' means), examples. */
public final class ClusterProfile {
  public final int cluster;
  public final int size;

  /** Means of {@link DomainFeatures#NAMES}, in that order. */
  public final double[] centroid;

  /** The busiest members (by queries, then name). */
  public final List<String> examples;

  ClusterProfile(int cluster, int size, double[] centroid, List<String> examples) {
    this.cluster = cluster;
    this.size = size;
    this.centroid = centroid;
    this.examples = examples;
  }
}
