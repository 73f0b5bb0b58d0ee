package org.pcap2hdfs.cli.synth;

import java.util.Arrays;

/** Picks an index with probability proportional to its weight (binary search on the sums). */
public final class WeightedPicker {
  private final double[] cumulative;

  public WeightedPicker(double... weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("negative weight at " + i);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights sum to zero");
    }
  }

  /** Zipf weights 1/(i+1)^exponent for n items: a few very popular, a long tail. */
  public static WeightedPicker zipf(int n, double exponent) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1.0 / StrictMath.pow(i + 1, exponent);
    }
    return new WeightedPicker(w);
  }

  public int pick(Rng rng) {
    double x = rng.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, x);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cumulative.length - 1);
  }
}
