package org.pcap2hdfs.analytics.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Clusters the registered domains of a window: features ({@link DomainFeatures}), standardised
 * ({@link Standardiser}); k from {@code k.min} to {@code k.max} tried with K-means++ on a seeded
 * sample of at most {@code sample} domains and the best mean silhouette kept (ties: the smaller k);
 * then every domain clustered with that k; and two principal components for the scatter.
 */
public final class DomainClustering {
  public final long fromMs;
  public final long toMs;
  public final DomainFeatures features;

  /** Cluster of each domain (index as in features). */
  public final int[] clusters;

  /** {@code [n][2]} principal components. */
  public final double[][] components;

  public final int k;

  /** Mean silhouette of the chosen k on the sample. */
  public final double silhouette;

  public final List<ClusterProfile> profiles;

  private DomainClustering(
      long fromMs,
      long toMs,
      DomainFeatures features,
      int[] clusters,
      double[][] components,
      int k,
      double silhouette,
      List<ClusterProfile> profiles) {
    this.fromMs = fromMs;
    this.toMs = toMs;
    this.features = features;
    this.clusters = clusters;
    this.components = components;
    this.k = k;
    this.silhouette = silhouette;
    this.profiles = profiles;
  }

  public static DomainClustering run(
      Connection warehouse, ClusterConfig config, long fromMs, long toMs) throws SQLException {
    return of(DomainFeatures.read(warehouse, config, fromMs, toMs), config, fromMs, toMs);
  }

  public static DomainClustering of(
      DomainFeatures f, ClusterConfig config, long fromMs, long toMs) {
    int n = f.size();
    if (n < 3) {
      int[] none = new int[n];
      return new DomainClustering(
          fromMs, toMs, f, none, new double[n][2], n == 0 ? 0 : 1, 0, profiles(f, none, 1, config));
    }
    double[][] x = Standardiser.apply(f);
    int[] sample = sample(n, config.sample, config.seed);
    double[][] xs = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      xs[i] = x[sample[i]];
    }
    int bestK = -1;
    double best = -2;
    int[] bestLabels = null;
    for (int k = config.kMin; k <= Math.min(config.kMax, xs.length - 1); k++) {
      int[] labels = KMeans.cluster(xs, k, config.seed, config.maxIterations);
      double s = KMeans.silhouette(xs, labels, k);
      if (s > best + 1e-12) {
        best = s;
        bestK = k;
        bestLabels = labels;
      }
    }
    int[] labels =
        sample.length == n
            ? bestLabels
            : KMeans.cluster(x, bestK, config.seed, config.maxIterations);
    return new DomainClustering(
        fromMs,
        toMs,
        f,
        labels,
        Pca.twoComponents(x),
        bestK,
        best,
        profiles(f, labels, bestK, config));
  }

  /** The first {@code size} of a seeded shuffle of 0..n-1, in increasing order. */
  private static int[] sample(int n, int size, long seed) {
    if (n <= size) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] idx = new int[n];
    Arrays.setAll(idx, i -> i);
    Random r = new Random(seed);
    for (int i = 0; i < size; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, size);
    Arrays.sort(out);
    return out;
  }

  private static List<ClusterProfile> profiles(
      DomainFeatures f, int[] labels, int k, ClusterConfig config) {
    List<ClusterProfile> out = new ArrayList<>();
    int d = DomainFeatures.NAMES.length;
    for (int c = 0; c < k; c++) {
      double[] sum = new double[d];
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          members.add(i);
          for (int j = 0; j < d; j++) {
            sum[j] += f.values.get(i)[j];
          }
        }
      }
      if (members.isEmpty()) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        sum[j] /= members.size();
      }
      members.sort(
          Comparator.<Integer>comparingDouble(i -> -f.values.get(i)[0])
              .thenComparing(i -> f.domains.get(i)));
      List<String> examples = new ArrayList<>();
      for (int i = 0; i < Math.min(config.examples, members.size()); i++) {
        examples.add(f.domains.get(members.get(i)));
      }
      out.add(new ClusterProfile(c, members.size(), sum, examples));
    }
    return out;
  }
}
