package org.pcap2hdfs.analytics.anomaly.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pcap2hdfs.analytics.anomaly.ScoredPoint;

/**
 * Precision and recall of flagged points (class high or spike) against a scenario's ground truth,
 * point by point: a flagged point in an untouched interval is a false positive, an anomalous
 * interval not flagged (or in a series the detector did not watch) a false negative; intervals an
 * injection touched too little to count are left out of both.
 */
public final class SpikeEvaluation {
  /** An injected change smaller than this many queries per interval is not required to be seen. */
  public static final int MIN_QUERIES = 50;

  public int truePositives;
  public final List<ScoredPoint> falsePositives = new ArrayList<>();
  public final List<String> falseNegatives = new ArrayList<>();
  public final List<String> injectionsFound = new ArrayList<>();
  public final List<String> injectionsMissed = new ArrayList<>();

  public static SpikeEvaluation of(SpikeScenario scenario, List<ScoredPoint> points) {
    SpikeEvaluation e = new SpikeEvaluation();
    int interval = points.isEmpty() ? SpikeScenario.INTERVAL_S : points.get(0).intervalSeconds;
    Set<String> flagged = new HashSet<>();
    for (ScoredPoint p : points) {
      if (!p.flagged() || p.ts * 1000 < scenario.evaluateFromMs) {
        continue;
      }
      flagged.add(p.series + "@" + p.ts);
      int t = scenario.truth(p.series, p.ts, interval, MIN_QUERIES);
      if (t == 1) {
        e.truePositives++;
      } else if (t == 0) {
        e.falsePositives.add(p);
      }
    }
    for (String point : scenario.anomalousPoints(interval, MIN_QUERIES)) {
      if (!flagged.contains(point)) {
        e.falseNegatives.add(point);
      }
    }
    for (SpikeScenario.Injection i : scenario.injections) {
      boolean found = false;
      long start = Math.floorDiv(i.fromMs / 1000, interval) * interval;
      for (long ts = start; ts < i.toMs / 1000; ts += interval) {
        found |= flagged.contains(i.primarySeries + "@" + ts);
      }
      (found ? e.injectionsFound : e.injectionsMissed).add(i.name);
    }
    return e;
  }

  public double precision() {
    int fp = falsePositives.size();
    return truePositives + fp == 0 ? 0 : (double) truePositives / (truePositives + fp);
  }

  public double recall() {
    int fn = falseNegatives.size();
    return truePositives + fn == 0 ? 0 : (double) truePositives / (truePositives + fn);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "precision=%.3f recall=%.3f (tp=%d fp=%d fn=%d) injections found %d/%d %s",
        precision(),
        recall(),
        truePositives,
        falsePositives.size(),
        falseNegatives.size(),
        injectionsFound.size(),
        injectionsFound.size() + injectionsMissed.size(),
        injectionsMissed.isEmpty() ? "" : "missed: " + injectionsMissed);
  }
}
