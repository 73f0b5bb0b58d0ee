package org.pcap2hdfs.analytics.cluster;

/**
 * Puts the features on one scale: counts, heavy-tailed over domains (a few domains have millions of
 * queries), are taken as {@code log1p} first; then every feature is centred on its mean and divided
 * by its standard deviation (a constant feature stays 0).
 */
final class Standardiser {
  private Standardiser() {}

  static double[][] apply(DomainFeatures f) {
    int n = f.size();
    int d = DomainFeatures.NAMES.length;
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] v = f.values.get(i);
      for (int j = 0; j < d; j++) {
        x[i][j] = j < DomainFeatures.COUNTS ? Math.log1p(v[j]) : v[j];
      }
    }
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= Math.max(1, n);
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - mean) * (row[j] - mean);
      }
      double sd = Math.sqrt(ss / Math.max(1, n));
      for (double[] row : x) {
        row[j] = sd > 1e-12 ? (row[j] - mean) / sd : 0;
      }
    }
    return x;
  }
}
