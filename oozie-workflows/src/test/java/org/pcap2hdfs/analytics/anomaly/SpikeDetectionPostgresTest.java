package org.pcap2hdfs.analytics.anomaly;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.analytics.anomaly.eval.SpikeEvaluation;
import org.pcap2hdfs.analytics.anomaly.eval.SpikeScenario;
import org.pcap2hdfs.analytics.db.Migrations;
import org.pcap2hdfs.testing.LocalPostgres;

/**
 * The detector over a generated 10-day Parquet warehouse with four injected anomalies (DuckDB as
 * the SQL engine), its results in the machine's real PostgreSQL.
 */
class SpikeDetectionPostgresTest {
  @TempDir static Path dir;
  private static SpikeScenario scenario;
  private static Connection duck;
  private static List<ScoredPoint> points;

  @BeforeAll
  static void detect() throws SQLException {
    scenario = new SpikeScenario(11, 10, 3);
    duck = DriverManager.getConnection("jdbc:duckdb:");
    scenario.write(duck, dir.resolve("warehouse"));
    DuckDbWarehouse.createView(duck, dir.resolve("warehouse"), "queries");
    points = detectAgain();
  }

  private static List<ScoredPoint> detectAgain() throws SQLException {
    return new SpikeDetector(SpikeConfig.defaults())
        .detect(duck, scenario.evaluateFromMs, scenario.endMs);
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  @Test
  void findsTheInjectedAnomaliesWithPrecisionAndRecallOfAtLeast09() {
    SpikeEvaluation e = SpikeEvaluation.of(scenario, points);
    assertThat(e.injectionsMissed).as(e.toString()).isEmpty();
    assertThat(e.precision()).as(e.toString()).isGreaterThanOrEqualTo(0.9);
    assertThat(e.recall()).as(e.toString()).isGreaterThanOrEqualTo(0.9);
    assertThat(e.truePositives).as(e.toString()).isGreaterThan(80);
  }

  @Test
  void hourlySeriesFindThemToo() throws SQLException {
    List<ScoredPoint> hourly =
        new SpikeDetector(SpikeConfig.of(java.util.Map.of(SpikeConfig.INTERVAL, "1h")))
            .detect(duck, scenario.evaluateFromMs, scenario.endMs);
    assertThat(hourly).allMatch(p -> p.intervalSeconds == 3600 && p.ts % 3600 == 0);
    SpikeEvaluation e = SpikeEvaluation.of(scenario, hourly);
    assertThat(e.injectionsMissed).as(e.toString()).isEmpty();
    assertThat(e.precision()).as(e.toString()).isGreaterThanOrEqualTo(0.9);
    assertThat(e.recall()).as(e.toString()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void theFloodIsASpikeOfItsSourceAndItsPrefixAndTheDropANegativeScore() {
    SpikeScenario.Injection flood = scenario.injections.get(0);
    for (ScoredPoint p : points) {
      long ms = p.ts * 1000;
      boolean inFlood = ms >= flood.fromMs && ms < flood.toMs;
      if (p.series.equals("src:203.0.113.77") || p.series.equals("prefix:203.0.113.0/24")) {
        assertThat(p.cls).as(p.toString()).isEqualTo(inFlood ? "spike" : "regular");
        assertThat(p.value).as(p.toString()).isEqualTo(inFlood ? 400 : 0);
      }
    }
    SpikeScenario.Injection drop = scenario.injections.get(3);
    for (ScoredPoint p : points) {
      if (p.series.equals("location:nrt")
          && p.ts * 1000 >= drop.fromMs
          && p.ts * 1000 < drop.toMs) {
        assertThat(p.score).as(p.toString()).isLessThan(-5);
        assertThat(p.flagged()).as(p.toString()).isTrue();
      }
    }
  }

  @Test
  void flaggedPointsLandInPostgresAndARerunLeavesTheSameRows() throws SQLException {
    LocalPostgres pg = LocalPostgres.get();
    try (Connection c = pg.freshConnection()) {
      Migrations.apply(c);
      Migrations.apply(c);
      assertThat(rows(c, "SELECT version, name FROM schema_version ORDER BY version"))
          .contains("10|anomalies", "11|domain_clusters");
      AnomalyStore store = new AnomalyStore(c);
      List<String> expected = new ArrayList<>();
      for (ScoredPoint p : points) {
        if (p.flagged()) {
          expected.add(line(p));
        }
      }
      expected.sort(null);
      assertThat(expected).hasSizeGreaterThan(80);
      int written = store.replace(300, scenario.evaluateFromMs, scenario.endMs, points);
      assertThat(written).isEqualTo(expected.size());
      String select =
          "SELECT series, \"interval\", extract(epoch FROM ts)::bigint,"
              + " round(value::numeric, 3), round(baseline::numeric, 3),"
              + " round(score::numeric, 6), class FROM anomalies";
      assertThat(sorted(rows(c, select))).containsExactlyElementsOf(expected);

      // A stale row of the same range goes; one outside the range stays.
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO anomalies VALUES ('location:old', 300, to_timestamp("
                + (scenario.evaluateFromMs / 1000 + 600)
                + "), 1, 1, 99, 'spike'), ('location:old', 300, to_timestamp("
                + (scenario.evaluateFromMs / 1000 - 600)
                + "), 1, 1, 99, 'spike')");
      }
      store.replace(300, scenario.evaluateFromMs, scenario.endMs, detectAgain());
      List<String> again = new ArrayList<>(expected);
      again.add(
          0,
          "location:old|300|"
              + (scenario.evaluateFromMs / 1000 - 600)
              + "|1.000|1.000|99.000000|spike");
      again.sort(null);
      assertThat(sorted(rows(c, select))).containsExactlyElementsOf(again);
    }
  }

  private static List<String> sorted(List<String> rows) {
    rows.sort(null);
    return rows;
  }

  private static String line(ScoredPoint p) {
    return String.join(
        "|",
        p.series,
        Integer.toString(p.intervalSeconds),
        Long.toString(p.ts),
        String.format(Locale.ROOT, "%.3f", p.value),
        String.format(Locale.ROOT, "%.3f", p.baseline),
        String.format(Locale.ROOT, "%.6f", p.score),
        p.cls);
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
