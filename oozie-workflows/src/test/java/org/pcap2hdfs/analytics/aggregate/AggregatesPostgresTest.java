package org.pcap2hdfs.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.analytics.testing.TestWarehouse;
import org.pcap2hdfs.testing.LocalPostgres;

/**
 * The aggregate job on a warehouse the compaction job wrote, run by DuckDB, written into the real
 * PostgreSQL: every table equals what plain Java counts over the staged rows; a re-run changes
 * nothing; late data recomputes its day and month only; an unreachable database fails the run with
 * a clear message and leaves the rows as they were.
 */
class AggregatesPostgresTest {
  private static final int TOP_N = 5;
  private static final LocalDate MAR4 = LocalDate.of(2024, 3, 4);
  private static final LocalDate MAR5 = LocalDate.of(2024, 3, 5);
  private static final LocalDate APR1 = LocalDate.of(2024, 4, 1);

  @TempDir Path tmp;
  private LocalPostgres pg;
  private TestWarehouse wh;
  private Path passwordFile;

  @BeforeEach
  void setUp() throws Exception {
    pg = LocalPostgres.get();
    pg.recreate();
    wh = new TestWarehouse(tmp, TOP_N);
    wh.add(MAR4, "ns1", 1, 0, 3000);
    wh.add(MAR4, "ns2", 2, 0, 2000);
    wh.add(MAR5, "ns1", 3, 0, 2500);
    wh.add(APR1, "ns1", 4, 0, 1000);
    passwordFile = tmp.resolve("pg.password");
    Files.writeString(passwordFile, LocalPostgres.PASSWORD + "\n");
  }

  private Configuration conf(String jdbcUrl) {
    Configuration c = new Configuration();
    c.set(AggregatesConfig.WAREHOUSE_DIR, wh.warehouse().toUri().toString());
    c.set(AggregatesConfig.ENGINE_JDBC_URL, "jdbc:duckdb:");
    c.set(AggregatesConfig.JDBC_URL, jdbcUrl);
    c.set(AggregatesConfig.JDBC_USER, LocalPostgres.ROLE);
    c.set(AggregatesConfig.JDBC_PASSWORD_FILE, passwordFile.toString());
    c.setInt(AggregatesConfig.TOP_N, TOP_N);
    return c;
  }

  private AggregateJob.Result run(Configuration c) throws Exception {
    return AggregatesMain.run(AggregatesConfig.from(c));
  }

  /** Every aggregate table's rows, rendered like ExpectedAggregates renders them. */
  private Map<String, List<String>> dump() throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.ROLE, LocalPostgres.PASSWORD);
        Statement s = c.createStatement()) {
      for (Grain g : Grain.values()) {
        for (AggregateTable t : AggregateTable.values()) {
          List<String> rows = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT * FROM " + g.table(t))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              StringBuilder b = new StringBuilder();
              for (int i = 1; i <= n; i++) {
                b.append(i > 1 ? "|" : "").append(rs.getObject(i));
              }
              rows.add(b.toString());
            }
          }
          rows.sort(null);
          out.put(g.table(t), rows);
        }
      }
      List<String> days = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT day, files FROM aggregated_days ORDER BY day")) {
        while (rs.next()) {
          days.add(rs.getObject(1) + "|" + rs.getInt(2));
        }
      }
      out.put("aggregated_days", days);
    }
    return out;
  }

  private void assertEqualsExpected() throws SQLException {
    Map<String, List<String>> actual = dump();
    for (Grain g : Grain.values()) {
      for (AggregateTable t : AggregateTable.values()) {
        assertThat(actual.get(g.table(t)))
            .as(g.table(t))
            .isNotEmpty()
            .containsExactlyElementsOf(wh.expected().rows(g, t));
      }
    }
  }

  @Test
  void aggregatesEqualJavaCountsAndReRunsChangeNothing() throws Exception {
    AggregateJob.Result r = run(conf(pg.jdbcUrl()));
    assertThat(r.days).containsExactly(MAR4, MAR5, APR1);
    assertThat(r.months).containsExactly(LocalDate.of(2024, 3, 1), APR1);
    assertEqualsExpected();
    Map<String, List<String>> first = dump();
    assertThat(first.get("aggregated_days"))
        .containsExactly("2024-03-04|2", "2024-03-05|1", "2024-04-01|1");

    // Nothing changed in the warehouse: nothing to do.
    AggregateJob.Result again = run(conf(pg.jdbcUrl()));
    assertThat(again.days).isEmpty();
    assertThat(dump()).isEqualTo(first);

    // A day asked for again is replaced by the same rows.
    Configuration c = conf(pg.jdbcUrl());
    c.set(AggregatesConfig.DAYS, "2024-03-04");
    assertThat(run(c).days).containsExactly(MAR4);
    assertThat(dump()).isEqualTo(first);
  }

  @Test
  void lateDataRecomputesItsDayAndMonthOnly() throws Exception {
    run(conf(pg.jdbcUrl()));
    wh.add(MAR5, "ns2", 5, 0, 700);
    wh.add(MAR5, "ns1", 6, 0, 300);
    AggregateJob.Result r = run(conf(pg.jdbcUrl()));
    assertThat(r.days).containsExactly(MAR5);
    assertThat(r.months).containsExactly(LocalDate.of(2024, 3, 1));
    assertEqualsExpected();
    assertThat(dump().get("aggregated_days"))
        .containsExactly("2024-03-04|2", "2024-03-05|3", "2024-04-01|1");
  }

  /**
   * A write that fails half-way (the month's top list refuses its rows, after the day's tables were
   * replaced in the same transaction) rolls everything back.
   */
  @Test
  void aWriteFailingHalfWayChangesNothing() throws Exception {
    run(conf(pg.jdbcUrl()));
    Map<String, List<String>> before = dump();
    wh.add(MAR5, "ns2", 5, 0, 700);
    pg.sql("ALTER TABLE monthly_top ADD CONSTRAINT refuse_all CHECK (queries < 0) NOT VALID");
    assertThatThrownBy(() -> run(conf(pg.jdbcUrl())))
        .isInstanceOf(AggregateException.class)
        .hasMessageContaining("writing aggregates failed (nothing changed)")
        .hasMessageContaining("refuse_all");
    assertThat(dump()).isEqualTo(before);

    pg.sql("ALTER TABLE monthly_top DROP CONSTRAINT refuse_all");
    assertThat(run(conf(pg.jdbcUrl())).days).containsExactly(MAR5);
    assertEqualsExpected();
  }

  @Test
  void unreachableDatabaseFailsClearlyAndKeepsTheRows() throws Exception {
    run(conf(pg.jdbcUrl()));
    Map<String, List<String>> before = dump();
    wh.add(MAR5, "ns2", 5, 0, 700);

    pg.denyLogin();
    try {
      assertThatThrownBy(() -> run(conf(pg.jdbcUrl())))
          .isInstanceOf(AggregateException.class)
          .hasMessageContaining("cannot connect to the aggregates database jdbc:postgresql://");
    } finally {
      pg.allowLogin();
    }
    assertThatThrownBy(() -> run(conf("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2")))
        .isInstanceOf(AggregateException.class)
        .hasMessageContaining("cannot connect to the aggregates database")
        .hasMessageContaining("127.0.0.1:1");
    assertThat(dump()).isEqualTo(before);

    // Back online, the changed day is caught up.
    assertThat(run(conf(pg.jdbcUrl())).days).containsExactly(MAR5);
    assertEqualsExpected();
  }
}
