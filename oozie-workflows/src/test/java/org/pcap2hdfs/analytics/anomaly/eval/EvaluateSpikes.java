package org.pcap2hdfs.analytics.anomaly.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.analytics.anomaly.DuckDbWarehouse;
import org.pcap2hdfs.analytics.anomaly.ScoredPoint;
import org.pcap2hdfs.analytics.anomaly.SpikeConfig;
import org.pcap2hdfs.analytics.anomaly.SpikeDetector;

/**
 * Generates the spike scenario into a Parquet warehouse, runs the detector over its evaluated days
 * (DuckDB) and prints precision, recall and timings. Arguments: {@code [--days N] [--evaluated-days
 * N] [--seed N] [-D key=value]...} (detector settings, see SpikeConfig).
 */
public final class EvaluateSpikes {
  private EvaluateSpikes() {}

  public static void main(String[] args) throws Exception {
    int days = 10;
    int evaluated = 3;
    long seed = 11;
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--days":
          days = Integer.parseInt(args[++i]);
          break;
        case "--evaluated-days":
          evaluated = Integer.parseInt(args[++i]);
          break;
        case "--seed":
          seed = Long.parseLong(args[++i]);
          break;
        case "-D":
          String[] kv = args[++i].split("=", 2);
          settings.put(kv[0], kv[1]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("spike-scenario");
    SpikeScenario scenario = new SpikeScenario(seed, days, evaluated);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      long t0 = System.nanoTime();
      scenario.write(duck, dir.resolve("warehouse"));
      long t1 = System.nanoTime();
      DuckDbWarehouse.createView(duck, dir.resolve("warehouse"), "queries");
      List<ScoredPoint> points =
          new SpikeDetector(SpikeConfig.of(settings))
              .detect(duck, scenario.evaluateFromMs, scenario.endMs);
      long t2 = System.nanoTime();
      SpikeEvaluation e = SpikeEvaluation.of(scenario, points);
      System.out.printf(
          "scenario: %d days (%d evaluated), %,d rows, generated and written in %.1f s%n",
          days, evaluated, scenario.rows(), (t1 - t0) / 1e9);
      System.out.printf("detection: %,d points judged in %.1f s%n", points.size(), (t2 - t1) / 1e9);
      System.out.println(e);
      for (ScoredPoint p : e.falsePositives) {
        System.out.println("  false positive: " + p);
      }
      Map<String, ScoredPoint> byPoint = new HashMap<>();
      for (ScoredPoint p : points) {
        byPoint.put(p.series + "@" + p.ts, p);
      }
      for (String p : e.falseNegatives) {
        System.out.println("  false negative: " + p + " " + byPoint.get(p));
      }
    }
  }
}
