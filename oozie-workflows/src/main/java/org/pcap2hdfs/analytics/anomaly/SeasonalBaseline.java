package org.pcap2hdfs.analytics.anomaly;

import java.util.Arrays;

/**
 * Scores one series against its own past at the same time of day: the baseline of the point in
 * interval {@code i} is the median of the values in the same interval of day (and {@code
 * neighbour.slots} intervals either side) on each of the {@code history.days} previous days; its
 * scale is the MAD of those values times 1.4826 (the standard deviation for normal data), at least
 * the Poisson deviation {@code sqrt(median)} and at least {@code min.scale}. The score is {@code
 * (value - median) / scale}; medians and MADs ignore up to half their samples being anomalous, so a
 * past spike does not mask the next one, and the daily cycle is in the baseline, not the score.
 */
final class SeasonalBaseline {
  /** MAD to standard deviation for normally distributed data. */
  private static final double MAD_TO_SD = 1.4826;

  private final SpikeConfig config;
  private final int slotsPerDay;

  SeasonalBaseline(SpikeConfig config) {
    this.config = config;
    this.slotsPerDay = (int) (86_400 / config.interval.getSeconds());
  }

  int slotsPerDay() {
    return slotsPerDay;
  }

  /**
   * Baseline and score of {@code values[i]}, or null when fewer than {@code min.history.days} days
   * of history precede it; intervals before {@code first} (where the data starts) are no history.
   */
  double[] score(double[] values, int i, int first) {
    int n = config.neighbourSlots;
    double[] samples = new double[config.historyDays * (2 * n + 1)];
    int count = 0;
    int days = 0;
    for (int d = 1; d <= config.historyDays; d++) {
      int centre = i - d * slotsPerDay;
      if (centre - n < Math.max(0, first)) {
        break;
      }
      days++;
      for (int j = centre - n; j <= centre + n; j++) {
        samples[count++] = values[j];
      }
    }
    if (days < config.minHistoryDays) {
      return null;
    }
    double median = median(samples, count);
    for (int k = 0; k < count; k++) {
      samples[k] = Math.abs(samples[k] - median);
    }
    double mad = median(samples, count);
    double scale = Math.max(MAD_TO_SD * mad, Math.max(Math.sqrt(median), config.minScale));
    return new double[] {median, (values[i] - median) / scale};
  }

  String classify(double score) {
    double a = Math.abs(score);
    return a >= config.spikeScore ? "spike" : a >= config.highScore ? "high" : "regular";
  }

  private static double median(double[] v, int count) {
    Arrays.sort(v, 0, count);
    int h = count / 2;
    return count % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
  }
}
