package org.pcap2hdfs.cli.analyse;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcap2hdfs.analytics.anomaly.AnomalyStore;
import org.pcap2hdfs.analytics.anomaly.DuckDbWarehouse;
import org.pcap2hdfs.analytics.anomaly.ScoredPoint;
import org.pcap2hdfs.analytics.anomaly.SpikeConfig;
import org.pcap2hdfs.analytics.anomaly.SpikeDetector;
import org.pcap2hdfs.analytics.cluster.ClusterConfig;
import org.pcap2hdfs.analytics.cluster.ClusterProfile;
import org.pcap2hdfs.analytics.cluster.ClusterStore;
import org.pcap2hdfs.analytics.cluster.DomainClustering;
import org.pcap2hdfs.analytics.cluster.DomainFeatures;
import org.pcap2hdfs.analytics.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyse}: spike detection and domain clustering over a local Parquet warehouse (DuckDB),
 * printed, and written into PostgreSQL when a database is given.
 */
@Command(
    name = "analyse",
    mixinStandardHelpOptions = true,
    description = {
      "Flags spikes and drops in the per-interval series of a warehouse and clusters its domains;"
          + " prints the results and writes them into PostgreSQL (tables anomalies,"
          + " domain_clusters, domain_cluster_profiles) when --pg-url is given."
    })
public final class AnalyseCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      required = true,
      description = "Warehouse directory (year=/month=/day=/server=/*.parquet).")
  Path warehouse;

  @Option(
      names = "--from",
      description = "Start of the judged window, ISO instant (default: one day before --to).")
  Instant from;

  @Option(
      names = "--to",
      description =
          "End of the judged window, ISO instant (default: the last query's interval end).")
  Instant to;

  @Option(names = "--pg-url", description = "PostgreSQL JDBC URL for the results.")
  String pgUrl;

  @Option(
      names = "--pg-user",
      defaultValue = "pcap2hdfs",
      description = "(default: ${DEFAULT-VALUE})")
  String pgUser;

  @Option(
      names = "--pg-password-env",
      defaultValue = "P2H_PG_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String pgPasswordEnv;

  @Option(
      names = "-D",
      description = "A setting (pcap2hdfs.spikes.* or pcap2hdfs.clusters.*), key=value.")
  Map<String, String> settings = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    try {
      return analyse();
    } catch (java.sql.SQLException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("analyse: " + e.getMessage());
      return 1;
    }
  }

  private int analyse() throws Exception {
    PrintStream out = System.out;
    SpikeConfig spikes = SpikeConfig.of(settings);
    ClusterConfig clusters = ClusterConfig.of(settings);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbWarehouse.createView(duck, warehouse, "queries");
      long ms = spikes.interval().toMillis();
      long toMs;
      if (to != null) {
        toMs = to.toEpochMilli();
      } else {
        try (Statement s = duck.createStatement();
            ResultSet rs = s.executeQuery("SELECT max(time) FROM queries")) {
          rs.next();
          if (rs.getObject(1) == null) {
            System.err.println("analyse: the warehouse has no rows: " + warehouse);
            return 1;
          }
          toMs = (Math.floorDiv(rs.getLong(1), ms) + 1) * ms;
        }
      }
      long fromMs = from != null ? from.toEpochMilli() : toMs - 86_400_000L;
      if (fromMs >= toMs) {
        System.err.println("analyse: --from must be before --to");
        return 2;
      }
      long t0 = System.nanoTime();
      List<ScoredPoint> points = new SpikeDetector(spikes).detect(duck, fromMs, toMs);
      long t1 = System.nanoTime();
      DomainClustering clustering = DomainClustering.run(duck, clusters, fromMs, toMs);
      long t2 = System.nanoTime();
      List<ScoredPoint> flagged = new ArrayList<>();
      for (ScoredPoint p : points) {
        if (p.flagged()) {
          flagged.add(p);
        }
      }
      flagged.sort(Comparator.comparingDouble((ScoredPoint p) -> -Math.abs(p.score)));
      out.printf(
          Locale.ROOT,
          "window %s .. %s: %,d points judged, %,d flagged (%.1f s)%n",
          Instant.ofEpochMilli(fromMs),
          Instant.ofEpochMilli(toMs),
          points.size(),
          flagged.size(),
          (t1 - t0) / 1e9);
      for (ScoredPoint p : flagged.subList(0, Math.min(20, flagged.size()))) {
        out.printf(
            Locale.ROOT,
            "  %-6s %s %-28s value %8.0f baseline %8.1f score %7.2f%n",
            p.cls,
            Instant.ofEpochSecond(p.ts),
            p.series,
            p.value,
            p.baseline,
            p.score);
      }
      out.printf(
          Locale.ROOT,
          "%,d domains in %d clusters (silhouette %.3f, %.1f s)%n",
          clustering.features.size(),
          clustering.k,
          clustering.silhouette,
          (t2 - t1) / 1e9);
      for (ClusterProfile p : clustering.profiles) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < p.centroid.length; j++) {
          b.append(String.format(Locale.ROOT, " %s=%.3g", DomainFeatures.NAMES[j], p.centroid[j]));
        }
        out.printf(
            Locale.ROOT,
            "  cluster %d: %,d domains,%s; e.g. %s%n",
            p.cluster,
            p.size,
            b,
            p.examples);
      }
      if (pgUrl != null) {
        String password = System.getenv(pgPasswordEnv);
        try (Connection pg = DriverManager.getConnection(pgUrl, pgUser, password)) {
          Migrations.apply(pg);
          int n =
              new AnomalyStore(pg)
                  .replace((int) spikes.interval().getSeconds(), fromMs, toMs, points);
          new ClusterStore(pg).replace(clustering);
          out.printf(
              Locale.ROOT,
              "PostgreSQL: %d anomalies, %d domain clusters written%n",
              n,
              clustering.features.size());
        }
      }
    }
    return 0;
  }
}
