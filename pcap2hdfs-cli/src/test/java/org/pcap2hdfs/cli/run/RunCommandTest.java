package org.pcap2hdfs.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.config.PropertiesTemplate;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.ServerNaming;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.interceptor.EnrichmentInterceptor;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.IcmpFields;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.RowDiff;

/**
 * {@code ./pcap2hdfs run} on the bundled sample: the warehouse holds exactly what decode and the
 * local agent's enrichment make of the same captures, every column of every row; the report adds
 * up; a run killed midway and run again ends with the same warehouse as an uninterrupted run.
 */
class RunCommandTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("pcap2hdfs.home", HOME.toString());
  }

  @Test
  void warehouseHoldsWhatDecodeProducesAndTheReportAddsUp() throws Exception {
    Map<String, Integer> expected = decodeSample();
    Path out = dir.resolve("run");
    assertThat(new picocli.CommandLine(new RunCommand()).execute("--out", out.toString())).isZero();

    Map<String, Integer> warehouse = eventIds(out.resolve("warehouse"));
    assertThat(warehouse).hasSize(24_843).isEqualTo(expected);
    RowDiff.assertSame(warehouseRows(out.resolve("warehouse")), expectedWarehouseRows());

    WarehouseReport report = WarehouseReport.of(out.resolve("warehouse"));
    long total = report.totalRows();
    long perLocation = sum(report.tables.get("locations"), "queries");
    long perServer = sum(report.tables.get("servers"), "queries");
    long perCustomer = sum(report.tables.get("customers"), "queries");
    assertThat(total).isEqualTo(24_843);
    assertThat(perLocation).isEqualTo(total);
    assertThat(perServer).isEqualTo(total);
    assertThat(perCustomer).isEqualTo(total);
    assertThat(report.tables.get("locations").rows).hasSize(3);
    // The aggregates database (embedded H2) agrees with the report's own per-customer counts.
    LocalAggregates aggregates =
        LocalAggregates.of(out.resolve("warehouse"), out, null, null, null, null);
    aggregates.addTo(report);
    Map<Object, Long> perCustomerReport = byCustomer(report.tables.get("customers"));
    assertThat(byCustomer(report.tables.get("customers_daily"))).isEqualTo(perCustomerReport);
    assertThat(byCustomer(report.tables.get("customers_monthly"))).isEqualTo(perCustomerReport);
    assertThat(perCustomerReport).hasSizeGreaterThan(1);
    Path html = out.resolve("report.html");
    assertThat(html).exists();
    assertThat(Files.readString(html))
        .contains("Queries per server location")
        .contains("\"timeline\"");

    exampleQueriesRun(out.resolve("warehouse"));

    // Running again continues: nothing new, the same warehouse.
    assertThat(new picocli.CommandLine(new RunCommand()).execute("--out", out.toString())).isZero();
    assertThat(eventIds(out.resolve("warehouse"))).isEqualTo(expected);

    // An aggregates database that cannot be reached: a clear message, exit 1, nothing lost.
    java.io.ByteArrayOutputStream down = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderrBefore = System.err;
    int downExit;
    System.setErr(new java.io.PrintStream(down, true, StandardCharsets.UTF_8));
    try {
      downExit =
          new picocli.CommandLine(new RunCommand())
              .execute(
                  "--out",
                  out.toString(),
                  "--aggregates-jdbc-url",
                  "jdbc:postgresql://127.0.0.1:1/dns?connectTimeout=2");
    } finally {
      System.setErr(stderrBefore);
    }
    assertThat(downExit).as(down.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(down.toString(StandardCharsets.UTF_8))
        .contains(
            "run: aggregates failed (the rows already there are kept): cannot connect to the"
                + " aggregates database jdbc:postgresql://127.0.0.1:1/dns");
    WarehouseReport again = WarehouseReport.of(out.resolve("warehouse"));
    aggregates.addTo(again);
    assertThat(byCustomer(again.tables.get("customers_daily"))).isEqualTo(perCustomerReport);

    // A staged file that cannot be read: the run names it and exits 1; its staging is kept.
    Path bad = out.resolve("staging/year=2024/month=1/day=1/server=junk/bad.avro");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "not Avro");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    int exit;
    System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exit = new picocli.CommandLine(new RunCommand()).execute("--out", out.toString());
    } finally {
      System.setErr(stderr);
    }
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("run: compaction failed for 1 partition(s), their staged files are kept: ")
        .contains("server=junk/bad.avro after 0 records");
    assertThat(bad).exists();
    assertThat(eventIds(out.resolve("warehouse"))).isEqualTo(expected);
  }

  /**
   * {@code run --icmp} on a spool holding the ICMP fixture: the DNS rows in the warehouse, the ICMP
   * rows (routed by the local agent's multiplexing selector) in warehouse-icmp, each exactly the
   * event ids decode gives, and the report's ICMP section.
   */
  @Test
  void icmpRowsGetTheirOwnWarehouseTable() throws Exception {
    Path fixture =
        HOME.resolve(
            "flume-source-pcap/src/test/resources/pcap/fixtures/icmp-errors-quoting-dns.pcap");
    Path spool = dir.resolve("spool");
    Path capture =
        Files.copy(fixture, Files.createDirectories(spool.resolve("ns1_ams")).resolve("icmp.pcap"));
    Map<String, Integer> dnsIds = new TreeMap<>();
    Map<String, Integer> icmpIds = new TreeMap<>();
    StreamDecoder d =
        new StreamDecoder(
            DecoderConfig.defaults(),
            "ns1",
            "ams",
            r -> dnsIds.put(r.getString(Fields.EVENT_ID), 1));
    d.enableIcmp("ns1", "ams", r -> icmpIds.put(r.getString(IcmpFields.EVENT_ID), 1));
    d.decode(capture, "icmp.pcap");
    d.finish();
    assertThat(icmpIds).hasSize(6);

    Path out = dir.resolve("run-icmp");
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    int exit;
    System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      exit =
          new picocli.CommandLine(new RunCommand())
              .execute("--out", out.toString(), "--spool", spool.toString(), "--icmp");
    } finally {
      System.setOut(saved);
    }
    assertThat(exit).isZero();
    assertThat(eventIds(out.resolve("warehouse"))).isEqualTo(dnsIds);
    assertThat(eventIds(out.resolve("warehouse-icmp"))).isEqualTo(icmpIds);
    WarehouseReport report =
        WarehouseReport.of(out.resolve("warehouse"), out.resolve("warehouse-icmp"));
    assertThat(sum(report.tables.get("icmp"), "messages")).isEqualTo(6);
    assertThat(sum(report.tables.get("icmp"), "quoting_dns")).isEqualTo(3);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("== ICMP messages (icmp table)");
    assertThat(Files.readString(out.resolve("report.html"))).contains("ICMP messages (icmp table)");
  }

  @Test
  void aRunKilledMidwayAndRunAgainGivesTheSameWarehouse() throws Exception {
    Path out = dir.resolve("killed");
    Process first = start(out);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!stagedSomething(out.resolve("staging"))) {
      assertThat(first.isAlive()).as("the first run is still running").isTrue();
      assertThat(System.nanoTime()).as("staging started within 2 minutes").isLessThan(deadline);
      Thread.sleep(10);
    }
    first.destroyForcibly().waitFor();
    assertThat(Files.exists(out.resolve("warehouse"))).as("killed before compaction").isFalse();

    Process second = start(out);
    String log = drain(second);
    assertThat(second.waitFor()).as(log).isZero();
    assertSameRows(eventIds(out.resolve("warehouse")), decodeSample(), log);
    assertThat(RowDiff.difference(warehouseRows(out.resolve("warehouse")), expectedWarehouseRows()))
        .as("whole rows; second run's output:%n%s", log)
        .isNull();
  }

  /** Equal maps, or a failure that says what is missing, extra or doubled (not 25 000 ids). */
  private static void assertSameRows(
      Map<String, Integer> got, Map<String, Integer> expected, String log) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> doubled = new ArrayList<>();
    expected.keySet().stream().filter(k -> !got.containsKey(k)).forEach(missing::add);
    got.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(extra::add);
    got.forEach(
        (k, n) -> {
          if (n > 1) {
            doubled.add(k);
          }
        });
    assertThat(missing.size() + extra.size() + doubled.size())
        .as(
            "rows %d of %d: %d missing %s, %d extra, %d doubled; second run's output:%n%s",
            got.size(),
            expected.size(),
            missing.size(),
            missing.stream().limit(3).collect(Collectors.toList()),
            extra.size(),
            doubled.size(),
            log)
        .isZero();
  }

  private Process start(Path out) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dpcap2hdfs.home=" + HOME);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.pcap2hdfs.cli.Main");
    cmd.addAll(List.of("run", "--out", out.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static String drain(Process p) throws Exception {
    StringBuilder s = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        s.append(line).append('\n');
      }
    }
    return s.toString();
  }

  private static boolean stagedSomething(Path staging) throws Exception {
    if (!Files.exists(staging)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.anyMatch(Files::isRegularFile);
    }
  }

  /** Event id -> count, from the sample spool decoded per site with the decode pipeline. */
  private Map<String, Integer> decodeSample() throws Exception {
    Path spool = dir.resolve("expected-spool");
    SampleSpool.write(HOME.resolve("samples/knot-example.ca-geo.pcap.gz"), spool);
    Map<String, Integer> ids = new TreeMap<>();
    try (Stream<Path> sites = Files.list(spool)) {
      for (Path site : sites.sorted().collect(Collectors.toList())) {
        List<Path> files;
        try (Stream<Path> f = Files.list(site)) {
          files = f.sorted().collect(Collectors.toList());
        }
        ServerNaming.Name n = ServerNaming.fromFolder(files.get(0));
        StreamDecoder d =
            new StreamDecoder(
                DecoderConfig.defaults(),
                n.server,
                n.location,
                r -> ids.merge(r.getString(Fields.EVENT_ID), 1, Integer::sum));
        for (Path f : files) {
          d.decode(f, f.getFileName().toString());
        }
        d.finish();
      }
    }
    return ids;
  }

  /**
   * What the warehouse must hold, by event_id: the sample spool decoded per site, each row run
   * through an interceptor built from {@code conf/local/agent.properties}' own settings (filled
   * with the databases and lists {@code run} uses by default), every column; {@code query_ts} as
   * time_us, and the partition columns (the UTC day of time_us, the site's server).
   */
  private SortedMap<String, Map<String, Object>> expectedWarehouseRows() throws Exception {
    Path spool = dir.resolve("expected-spool-rows");
    SampleSpool.write(HOME.resolve("samples/knot-example.ca-geo.pcap.gz"), spool);
    Interceptor enrich = localAgentEnrichment();
    SortedMap<String, Map<String, Object>> out = new TreeMap<>();
    try (Stream<Path> sites = Files.list(spool)) {
      for (Path site : sites.sorted().collect(Collectors.toList())) {
        List<Path> files;
        try (Stream<Path> f = Files.list(site)) {
          files = f.sorted().collect(Collectors.toList());
        }
        ServerNaming.Name n = ServerNaming.fromFolder(files.get(0));
        DecodedRows decoded = DecodedRows.of(n.server, n.location, files.toArray(new Path[0]));
        List<Event> events = new ArrayList<>();
        decoded.datums.forEach(d -> events.add(EventBuilder.withBody(d)));
        for (int i = 0; i < events.size(); i += 1000) {
          enrich.intercept(events.subList(i, Math.min(events.size(), i + 1000)));
        }
        for (Event e : events) {
          GenericRecord r = DecodedRows.record(e.getBody());
          Map<String, Object> row = new TreeMap<>();
          for (Schema.Field f : r.getSchema().getFields()) {
            row.put(f.name(), r.get(f.pos()));
          }
          long timeUs = (Long) r.get("time_us");
          LocalDate day =
              Instant.ofEpochSecond(Math.floorDiv(timeUs, 1_000_000L))
                  .atZone(ZoneOffset.UTC)
                  .toLocalDate();
          row.put("query_ts", timeUs);
          row.put("year", day.getYear());
          row.put("month", day.getMonthValue());
          row.put("day", day.getDayOfMonth());
          row.put("server", n.server);
          if (out.put(r.get("event_id").toString(), row) != null) {
            throw new AssertionError("decode gave event_id " + r.get("event_id") + " twice");
          }
        }
      }
    } finally {
      enrich.close();
    }
    return out;
  }

  /** The local agent's enrichment interceptor, as {@code run} fills its template by default. */
  private static Interceptor localAgentEnrichment() throws Exception {
    Map<String, String> v = new HashMap<>();
    for (String unused : List.of("SPOOL_DIR", "STATE_DIR", "CHANNEL_DIR", "STAGING_URI")) {
      v.put(unused, "/unused");
    }
    v.put("SCHEMA_URL", "file:///unused.avsc");
    v.put("ICMP", "false");
    v.put("ICMP_SCHEMA_URL", "file:///unused-icmp.avsc");
    v.put("ICMP_STAGING_URI", "file:///unused-icmp");
    v.put("GEOIP_CITY_DB", HOME.resolve("samples/geoip/GeoIP2-City-Test.mmdb").toString());
    v.put("GEOIP_ASN_DB", HOME.resolve("samples/geoip/GeoLite2-ASN-Test.mmdb").toString());
    // The same seed as run's default database, in a database of its own.
    v.put(
        "CUSTOMER_JDBC_URL",
        "jdbc:h2:mem:expected-customers;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM '"
            + HOME.resolve("conf/customers/customer-zones.sql").toString().replace("'", "''")
            + "'");
    v.put("CUSTOMER_DB_USER", "sa");
    v.put("RESOLVER_LIST", HOME.resolve("conf/resolvers/public-resolvers.txt").toString());
    Properties agent = new Properties();
    agent.load(
        new StringReader(PropertiesTemplate.fill(HOME.resolve("conf/local/agent.properties"), v)));
    String prefix = "local.sources.pcap.interceptors.enrich.";
    assertThat(agent.getProperty(prefix + "type"))
        .isEqualTo(EnrichmentInterceptor.Builder.class.getName());
    Context settings = new Context();
    for (String key : agent.stringPropertyNames()) {
      if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
        settings.put(key.substring(prefix.length()), agent.getProperty(key));
      }
    }
    settings.put("counterGroup", "expected-run-enrichment");
    EnrichmentInterceptor.Builder builder = new EnrichmentInterceptor.Builder();
    builder.configure(settings);
    Interceptor enrich = builder.build();
    enrich.initialize();
    return enrich;
  }

  /**
   * Every warehouse row by event_id, every column as DuckDB reads it from the Parquet files (the
   * partition columns from the paths, {@code query_ts} as microseconds since the epoch).
   */
  private static SortedMap<String, Map<String, Object>> warehouseRows(Path warehouse)
      throws Exception {
    SortedMap<String, Map<String, Object>> rows = new TreeMap<>();
    List<String> doubled = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT epoch_us(query_ts) AS query_ts, * EXCLUDE (query_ts) FROM read_parquet('"
                    + warehouse
                    + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true)")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        if (rows.put(rs.getString("event_id"), row) != null) {
          doubled.add(rs.getString("event_id"));
        }
      }
    }
    assertThat(doubled).as("event_ids more than once in the warehouse").isEmpty();
    return rows;
  }

  private static Map<String, Integer> eventIds(Path warehouse) throws Exception {
    Map<String, Integer> ids = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT event_id, count(*) FROM read_parquet('"
                    + warehouse
                    + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true) GROUP BY 1")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getInt(2));
      }
    }
    return ids;
  }

  /** conf/impala/05-example-queries.sql, statement by statement, in DuckDB over the warehouse. */
  private static void exampleQueriesRun(Path warehouse) throws Exception {
    String sql = Files.readString(HOME.resolve("conf/impala/05-example-queries.sql"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA dns");
      s.execute(
          "CREATE VIEW dns.queries AS SELECT * FROM read_parquet('"
              + warehouse
              + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true)");
      s.execute("CREATE MACRO appx_median(x) AS median(x)"); // Impala's name for it
      int statements = 0;
      for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
          statements++;
        }
      }
      assertThat(statements).isEqualTo(8);
      try (ResultSet rs = s.executeQuery("SELECT sum(queries) FROM dns.queries_per_location")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(24_843);
      }
    }
  }

  /** Queries per customer of a report table, summed over its rows (days, months). */
  private static Map<Object, Long> byCustomer(WarehouseReport.Table t) {
    Map<Object, Long> out = new TreeMap<>();
    for (int r = 0; r < t.rows.size(); r++) {
      out.merge(
          t.value(r, "customer").toString(),
          ((Number) t.value(r, "queries")).longValue(),
          Long::sum);
    }
    return out;
  }

  private static long sum(WarehouseReport.Table t, String column) {
    long s = 0;
    for (int r = 0; r < t.rows.size(); r++) {
      s += ((Number) t.value(r, column)).longValue();
    }
    return s;
  }
}
