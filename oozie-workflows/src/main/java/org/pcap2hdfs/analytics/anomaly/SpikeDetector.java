package org.pcap2hdfs.analytics.anomaly;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges every interval of {@code [fromMs, toMs)} of every watched series (see {@link
 * SeriesFamily}), reading the series from {@code history.days} before {@code fromMs} so that the
 * first judged day has its baseline.
 */
public final class SpikeDetector {
  private final SpikeConfig config;
  private final SeasonalBaseline baseline;

  public SpikeDetector(SpikeConfig config) {
    this.config = config;
    this.baseline = new SeasonalBaseline(config);
  }

  /** Every judged point (regular ones included), by family, series and time. */
  public List<ScoredPoint> detect(Connection warehouse, long fromMs, long toMs)
      throws SQLException {
    long ms = config.interval.toMillis();
    long alignedFrom = Math.floorDiv(fromMs, ms) * ms;
    long historyFrom = alignedFrom - config.historyDays * 86_400_000L;
    int skip = (int) ((alignedFrom - historyFrom) / ms);
    int seconds = (int) config.interval.getSeconds();
    SeriesReader reader = new SeriesReader(warehouse, config);
    Long dataFrom = reader.firstTime(historyFrom, toMs);
    if (dataFrom == null) {
      return new ArrayList<>();
    }
    // Before the first row there is no history (not a quiet one).
    int first = (int) (Math.floorDiv(dataFrom, ms) - Math.floorDiv(historyFrom, ms));
    List<ScoredPoint> out = new ArrayList<>();
    for (SeriesFamily family : SeriesFamily.values()) {
      for (Map.Entry<String, double[]> e : reader.read(family, historyFrom, toMs).entrySet()) {
        double[] values = e.getValue();
        for (int i = skip; i < values.length; i++) {
          double[] bs = baseline.score(values, i, first);
          if (bs != null) {
            long ts = (historyFrom + i * ms) / 1000;
            out.add(
                new ScoredPoint(
                    e.getKey(), seconds, ts, values[i], bs[0], bs[1], baseline.classify(bs[1])));
          }
        }
      }
    }
    return out;
  }
}
