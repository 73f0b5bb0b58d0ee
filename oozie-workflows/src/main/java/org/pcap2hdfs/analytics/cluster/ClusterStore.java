package org.pcap2hdfs.analytics.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes a clustering into PostgreSQL's {@code domain_clusters} and {@code
 * domain_cluster_profiles}: in one transaction, the window's rows are replaced, so a re-run over
 * the same window leaves the same rows.
 */
public final class ClusterStore {
  private static final int BATCH = 5000;
  private final Connection pg;

  public ClusterStore(Connection pg) {
    this.pg = pg;
  }

  public void replace(DomainClustering r) throws SQLException {
    boolean autoCommit = pg.getAutoCommit();
    pg.setAutoCommit(false);
    OffsetDateTime from = utc(r.fromMs);
    OffsetDateTime to = utc(r.toMs);
    try {
      for (String table : new String[] {"domain_clusters", "domain_cluster_profiles"}) {
        try (PreparedStatement del =
            pg.prepareStatement(
                "DELETE FROM " + table + " WHERE window_start = ? AND window_end = ?")) {
          del.setObject(1, from);
          del.setObject(2, to);
          del.executeUpdate();
        }
      }
      try (PreparedStatement ins =
          pg.prepareStatement(
              "INSERT INTO domain_clusters (window_start, window_end, domain, cluster, pc1, pc2)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < r.features.size(); i++) {
          ins.setObject(1, from);
          ins.setObject(2, to);
          ins.setString(3, r.features.domains.get(i));
          ins.setInt(4, r.clusters[i]);
          ins.setDouble(5, r.components[i][0]);
          ins.setDouble(6, r.components[i][1]);
          ins.addBatch();
          if ((i + 1) % BATCH == 0) {
            ins.executeBatch();
          }
        }
        ins.executeBatch();
      }
      try (PreparedStatement ins =
          pg.prepareStatement(
              "INSERT INTO domain_cluster_profiles (window_start, window_end, cluster, size,"
                  + " queries, sources, servers, rcodes, qtypes, nxdomain_share,"
                  + " public_resolver_share, examples, silhouette)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (ClusterProfile p : r.profiles) {
          ins.setObject(1, from);
          ins.setObject(2, to);
          ins.setInt(3, p.cluster);
          ins.setLong(4, p.size);
          for (int j = 0; j < p.centroid.length; j++) {
            ins.setDouble(5 + j, p.centroid[j]);
          }
          ins.setString(12, String.join(" ", p.examples));
          ins.setDouble(13, r.silhouette);
          ins.addBatch();
        }
        ins.executeBatch();
      }
      pg.commit();
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      pg.setAutoCommit(autoCommit);
    }
  }

  private static OffsetDateTime utc(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }
}
