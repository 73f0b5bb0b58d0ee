package org.pcap2hdfs.analytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.LocalPostgres;

/** The listed scripts apply in order, once each, on PostgreSQL and on H2 (the local database). */
class MigrationsTest {
  private static List<String> versions(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  private static void appliesOnceEach(Connection c) throws Exception {
    Migrations.apply(c);
    Migrations.apply(c);
    assertThat(versions(c))
        .containsExactly(
            "1 daily_aggregates",
            "2 monthly_aggregates",
            "3 aggregated_days",
            "10 anomalies",
            "11 domain_clusters");
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO daily_top (day, server, server_location, kind, place, item, queries)"
              + " VALUES (DATE '2024-03-04', 'ns1', 'yul', 'domain', 1, 'example.com', 7)");
      s.execute("SELECT month, queries FROM monthly_totals");
    }
  }

  @Test
  void appliesInOrderOnceEachOnPostgres() throws Exception {
    LocalPostgres pg = LocalPostgres.get();
    pg.recreate();
    try (Connection c =
        DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.ROLE, LocalPostgres.PASSWORD)) {
      appliesOnceEach(c);
    }
  }

  @Test
  void appliesInOrderOnceEachOnH2() throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=DAY,MONTH,VALUE")) {
      appliesOnceEach(c);
    }
  }

  @Test
  void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
    assertThat(
            Migrations.statements(
                "-- c\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n y INT\n);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n y INT\n)");
    assertThatThrownBy(() -> Migrations.statements("CREATE TABLE a (x INT)"))
        .hasMessageContaining("without a final ';'");
  }

  @Test
  void listsTheScriptsOfMigrationsTxt() {
    assertThat(Migrations.listed()).extracting(s -> s.version).containsExactly(1, 2, 3, 10, 11);
  }
}
