package org.pcap2hdfs.analytics.anomaly;

/** One judged interval of one series: a row of the {@code anomalies} table when not regular. */
public final class ScoredPoint {
  public final String series;
  public final int intervalSeconds;

  /** Start of the interval, epoch seconds (UTC). */
  public final long ts;

  public final double value;
  public final double baseline;
  public final double score;

  /** {@code regular}, {@code high} or {@code spike}. */
  public final String cls;

  public ScoredPoint(
      String series,
      int intervalSeconds,
      long ts,
      double value,
      double baseline,
      double score,
      String cls) {
    this.series = series;
    this.intervalSeconds = intervalSeconds;
    this.ts = ts;
    this.value = value;
    this.baseline = baseline;
    this.score = score;
    this.cls = cls;
  }

  public boolean flagged() {
    return !"regular".equals(cls);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s@%d %s value=%.0f baseline=%.1f score=%.2f",
        series,
        ts,
        cls,
        value,
        baseline,
        score);
  }
}
