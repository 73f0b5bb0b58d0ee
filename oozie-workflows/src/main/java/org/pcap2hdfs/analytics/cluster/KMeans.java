package org.pcap2hdfs.analytics.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * K-means++ (Commons Math) with a fixed seed, and the mean silhouette of a clustering. Clusters are
 * numbered by decreasing size (ties: the one holding the earliest row first), so that equal inputs
 * give equal numbers, whatever order Commons Math returns them in.
 */
final class KMeans {
  private KMeans() {}

  private static final class Row implements Clusterable {
    final int index;
    final double[] point;

    Row(int index, double[] point) {
      this.index = index;
      this.point = point;
    }

    @Override
    public double[] getPoint() {
      return point;
    }
  }

  /** Cluster number of each row of {@code x}. */
  static int[] cluster(double[][] x, int k, long seed, int maxIterations) {
    List<Row> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      rows.add(new Row(i, x[i]));
    }
    JDKRandomGenerator random = new JDKRandomGenerator();
    random.setSeed(seed);
    List<CentroidCluster<Row>> clusters =
        new KMeansPlusPlusClusterer<Row>(k, maxIterations, new EuclideanDistance(), random)
            .cluster(rows);
    int[][] order = new int[clusters.size()][];
    for (int c = 0; c < clusters.size(); c++) {
      List<Row> members = clusters.get(c).getPoints();
      int first = Integer.MAX_VALUE;
      for (Row r : members) {
        first = Math.min(first, r.index);
      }
      order[c] = new int[] {c, members.size(), first};
    }
    Arrays.sort(
        order, (a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[2], b[2]));
    int[] labels = new int[x.length];
    for (int rank = 0; rank < order.length; rank++) {
      for (Row r : clusters.get(order[rank][0]).getPoints()) {
        labels[r.index] = rank;
      }
    }
    return labels;
  }

  /**
   * Mean silhouette: per row {@code (b - a) / max(a, b)}, a its mean distance to its own cluster, b
   * to the nearest other cluster; 0 for a row alone in its cluster. Quadratic: for samples.
   */
  static double silhouette(double[][] x, int[] labels, int k) {
    int n = x.length;
    double total = 0;
    double[] sum = new double[k];
    int[] size = new int[k];
    for (int label : labels) {
      size[label]++;
    }
    for (int i = 0; i < n; i++) {
      Arrays.fill(sum, 0);
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sum[labels[j]] += distance(x[i], x[j]);
        }
      }
      int own = labels[i];
      if (size[own] <= 1) {
        continue;
      }
      double a = sum[own] / (size[own] - 1);
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[c] / size[c]);
        }
      }
      if (b != Double.MAX_VALUE && Math.max(a, b) > 0) {
        total += (b - a) / Math.max(a, b);
      }
    }
    return n == 0 ? 0 : total / n;
  }

  private static double distance(double[] p, double[] q) {
    double s = 0;
    for (int j = 0; j < p.length; j++) {
      double d = p[j] - q[j];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
