package org.pcap2hdfs.analytics.cluster;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The first two principal components of standardised rows: the right singular vectors of the
 * (centred) data are those of its covariance matrix, so the SVD is of the small d x d covariance,
 * not of the n x d data. Each axis's sign is fixed (its largest loading positive) so the scatter
 * does not flip between runs.
 */
final class Pca {
  private Pca() {}

  /** {@code [n][2]} coordinates. */
  static double[][] twoComponents(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[][] cov = new double[d][d];
    for (double[] row : x) {
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= Math.max(1, n - 1);
        cov[b][a] = cov[a][b];
      }
    }
    RealMatrix v = new SingularValueDecomposition(new Array2DRowRealMatrix(cov, false)).getV();
    double[][] axes = new double[2][];
    for (int c = 0; c < 2; c++) {
      double[] axis = c < v.getColumnDimension() ? v.getColumn(c) : new double[d];
      int biggest = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(axis[j]) > Math.abs(axis[biggest])) {
          biggest = j;
        }
      }
      if (axis[biggest] < 0) {
        for (int j = 0; j < d; j++) {
          axis[j] = -axis[j];
        }
      }
      axes[c] = axis;
    }
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 2; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += x[i][j] * axes[c][j];
        }
        out[i][c] = s;
      }
    }
    return out;
  }
}
