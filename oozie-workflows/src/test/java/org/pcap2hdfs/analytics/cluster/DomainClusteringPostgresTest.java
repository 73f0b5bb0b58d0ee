package org.pcap2hdfs.analytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.analytics.anomaly.DuckDbWarehouse;
import org.pcap2hdfs.analytics.db.Migrations;
import org.pcap2hdfs.testing.LocalPostgres;

/**
 * Domain clustering over a generated Parquet warehouse of three clearly separated groups (DuckDB as
 * the SQL engine), its results in the machine's real PostgreSQL.
 */
class DomainClusteringPostgresTest {
  @TempDir static Path dir;
  private static Connection duck;
  private static DomainClustering result;

  @BeforeAll
  static void cluster() throws SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    DomainGroups.write(duck, dir.resolve("warehouse"), 5);
    DuckDbWarehouse.createView(duck, dir.resolve("warehouse"), "queries");
    result = run(ClusterConfig.defaults());
  }

  private static DomainClustering run(ClusterConfig config) throws SQLException {
    return DomainClustering.run(duck, config, DomainGroups.FROM_MS, DomainGroups.TO_MS);
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  @Test
  void separatesTheThreeGroupsAndChoosesKThree() {
    assertThat(result.features.size())
        .isEqualTo(DomainGroups.POPULAR + DomainGroups.NX + DomainGroups.BOTS);
    assertThat(result.k).isEqualTo(3);
    assertThat(result.silhouette).isGreaterThan(0.7);
    for (int i = 0; i < result.features.size(); i++) {
      String domain = result.features.domains.get(i);
      // Clusters are numbered by size: the groups are 120, 80 and 60 domains.
      assertThat(result.clusters[i]).as(domain).isEqualTo(DomainGroups.group(domain));
    }
  }

  @Test
  void isDeterministicAlsoWhenKIsChosenOnASample() throws SQLException {
    DomainClustering again = run(ClusterConfig.defaults());
    assertThat(again.clusters).isEqualTo(result.clusters);
    assertThat(again.components).isDeepEqualTo(result.components);
    ClusterConfig sampled = ClusterConfig.of(Map.of(ClusterConfig.SAMPLE, "100"));
    DomainClustering a = run(sampled);
    DomainClustering b = run(sampled);
    assertThat(a.k).isEqualTo(3);
    assertThat(a.clusters).isEqualTo(result.clusters);
    assertThat(b.clusters).isEqualTo(a.clusters);
    assertThat(b.silhouette).isEqualTo(a.silhouette);
  }

  @Test
  void profilesAreTheGroupsMeansInOriginalUnits() throws SQLException {
    List<String> expected =
        rows(
            duck,
            "WITH d AS (SELECT domainname, count(*) AS q, count(DISTINCT src) AS s,"
                + " count(DISTINCT server) AS sv, count(DISTINCT rcode) AS rc,"
                + " count(DISTINCT qtype) AS qt, avg((rcode = 3)::INT) AS nx,"
                + " avg((pub_resolver IS NOT NULL)::INT) AS pub FROM queries GROUP BY 1)"
                + " SELECT CASE WHEN domainname LIKE 'pop%' THEN 0 WHEN domainname LIKE 'nx%'"
                + " THEN 1 ELSE 2 END AS g, count(*), printf('%.6f', avg(q)), printf('%.6f', avg(s)),"
                + " printf('%.6f', avg(sv)), printf('%.6f', avg(rc)), printf('%.6f', avg(qt)),"
                + " printf('%.6f', avg(nx)), printf('%.6f', avg(pub)) FROM d GROUP BY g ORDER BY g");
    List<String> actual = new ArrayList<>();
    for (ClusterProfile p : result.profiles) {
      StringBuilder b = new StringBuilder().append(p.cluster).append('|').append(p.size);
      for (double v : p.centroid) {
        b.append('|').append(String.format(Locale.ROOT, "%.6f", v));
      }
      actual.add(b.toString());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(result.profiles.get(2).centroid[1]).isEqualTo(1.0); // one client per bot domain
    assertThat(result.profiles.get(0).examples).hasSize(5);
  }

  @Test
  void rowsLandInPostgresAndARerunLeavesTheSameRows() throws SQLException {
    LocalPostgres pg = LocalPostgres.get();
    try (Connection c = pg.freshConnection()) {
      Migrations.apply(c);
      ClusterStore store = new ClusterStore(c);
      store.replace(result);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < result.features.size(); i++) {
        expected.add(
            String.format(
                Locale.ROOT,
                "%s|%d|%.9f|%.9f",
                result.features.domains.get(i),
                result.clusters[i],
                result.components[i][0],
                result.components[i][1]));
      }
      expected.sort(null);
      String select =
          "SELECT domain, cluster, round(pc1::numeric, 9), round(pc2::numeric, 9)"
              + " FROM domain_clusters WHERE window_start = to_timestamp("
              + DomainGroups.FROM_MS / 1000
              + ") AND window_end = to_timestamp("
              + DomainGroups.TO_MS / 1000
              + ")";
      assertThat(sorted(rows(c, select))).isEqualTo(expected);
      String profiles =
          "SELECT cluster, size, round(queries::numeric, 6), round(nxdomain_share::numeric, 6),"
              + " examples FROM domain_cluster_profiles ORDER BY cluster";
      List<String> expectedProfiles = new ArrayList<>();
      for (ClusterProfile p : result.profiles) {
        expectedProfiles.add(
            String.format(
                Locale.ROOT,
                "%d|%d|%.6f|%.6f|%s",
                p.cluster,
                p.size,
                p.centroid[0],
                p.centroid[5],
                String.join(" ", p.examples)));
      }
      assertThat(rows(c, profiles)).isEqualTo(expectedProfiles);

      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO domain_clusters VALUES (to_timestamp("
                + DomainGroups.FROM_MS / 1000
                + "), to_timestamp("
                + DomainGroups.TO_MS / 1000
                + "), 'gone.example', 9, 0, 0)");
      }
      store.replace(run(ClusterConfig.defaults()));
      assertThat(sorted(rows(c, select))).isEqualTo(expected);
      assertThat(rows(c, profiles)).isEqualTo(expectedProfiles);
    }
  }

  private static List<String> sorted(List<String> rows) {
    rows.sort(null);
    return rows;
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
