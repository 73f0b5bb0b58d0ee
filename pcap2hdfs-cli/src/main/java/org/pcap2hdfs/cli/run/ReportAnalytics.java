package org.pcap2hdfs.cli.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.pcap2hdfs.analytics.anomaly.ScoredPoint;
import org.pcap2hdfs.analytics.anomaly.SpikeConfig;
import org.pcap2hdfs.analytics.anomaly.SpikeDetector;
import org.pcap2hdfs.analytics.cluster.ClusterConfig;
import org.pcap2hdfs.analytics.cluster.ClusterProfile;
import org.pcap2hdfs.analytics.cluster.DomainClustering;
import org.pcap2hdfs.analytics.cluster.DomainFeatures;

/**
 * The report's analytics tables: spikes flagged in the last day of the warehouse ({@code
 * anomalies}; the timeline marks those of location series), and the domain clusters of the whole
 * warehouse ({@code cluster_profiles}, and {@code cluster_points} for the PCA scatter).
 */
final class ReportAnalytics {
  /** Points drawn in the scatter at most (every n-th domain beyond). */
  static final int MAX_POINTS = 3000;

  static final int MAX_ANOMALIES = 100;

  private ReportAnalytics() {}

  static void addTo(WarehouseReport report, Connection duck) throws SQLException {
    long minMs;
    long maxMs;
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(time), max(time) FROM queries")) {
      rs.next();
      minMs = rs.getLong(1);
      maxMs = rs.getLong(2);
    }
    SpikeConfig spikes = SpikeConfig.defaults();
    long ms = spikes.interval().toMillis();
    long toMs = (Math.floorDiv(maxMs, ms) + 1) * ms;
    List<ScoredPoint> points = new SpikeDetector(spikes).detect(duck, toMs - 86_400_000L, toMs);
    List<ScoredPoint> flagged = new ArrayList<>();
    for (ScoredPoint p : points) {
      if (p.flagged()) {
        flagged.add(p);
      }
    }
    flagged.sort(
        Comparator.comparingDouble((ScoredPoint p) -> -Math.abs(p.score))
            .thenComparing(p -> p.series)
            .thenComparingLong(p -> p.ts));
    WarehouseReport.Table a =
        new WarehouseReport.Table(
            "Anomalies ("
                + spikes.interval().toMinutes()
                + "-minute series, last day: "
                + points.size()
                + " points judged, "
                + flagged.size()
                + " flagged; a point needs 3 days of history)");
    a.columns.addAll(Arrays.asList("time", "series", "value", "baseline", "score", "class"));
    for (ScoredPoint p : flagged.subList(0, Math.min(MAX_ANOMALIES, flagged.size()))) {
      a.rows.add(
          Arrays.asList(
              Instant.ofEpochSecond(p.ts).toString(),
              p.series,
              (long) p.value,
              round(p.baseline, 1),
              round(p.score, 2),
              p.cls));
    }
    report.tables.put("anomalies", a);

    DomainClustering c = DomainClustering.run(duck, ClusterConfig.defaults(), minMs, maxMs + 1);
    WarehouseReport.Table profiles =
        new WarehouseReport.Table(
            "Domain clusters ("
                + c.features.size()
                + " domains with 5+ queries, k = "
                + c.k
                + " by silhouette "
                + round(c.silhouette, 3)
                + "; centroids in original units)");
    profiles.columns.add("cluster");
    profiles.columns.add("domains");
    profiles.columns.addAll(Arrays.asList(DomainFeatures.NAMES));
    profiles.columns.add("examples");
    for (ClusterProfile p : c.profiles) {
      List<Object> row = new ArrayList<>();
      row.add((long) p.cluster);
      row.add((long) p.size);
      for (double v : p.centroid) {
        row.add(round(v, 3));
      }
      row.add(String.join(" ", p.examples));
      profiles.rows.add(row);
    }
    report.tables.put("cluster_profiles", profiles);

    WarehouseReport.Table scatter = new WarehouseReport.Table("Domains by principal components");
    scatter.columns.addAll(Arrays.asList("domain", "cluster", "pc1", "pc2"));
    int step = Math.max(1, (c.features.size() + MAX_POINTS - 1) / MAX_POINTS);
    for (int i = 0; i < c.features.size(); i += step) {
      scatter.rows.add(
          Arrays.asList(
              c.features.domains.get(i),
              (long) c.clusters[i],
              round(c.components[i][0], 4),
              round(c.components[i][1], 4)));
    }
    report.tables.put("cluster_points", scatter);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
