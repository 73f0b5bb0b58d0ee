package org.pcap2hdfs.cli.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.pcap2hdfs.analytics.aggregate.AggregateException;
import org.pcap2hdfs.analytics.aggregate.AggregateJob;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.row.RowSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the whole chain on one machine. A real Flume agent in this JVM (conf/local: PCAP
 * source, enrichment, file channel, HDFS sink to a file:// staging directory) drains the spool; the
 * compaction job turns the staged Avro into the Parquet warehouse; the aggregate job fills the
 * aggregates database from it (embedded H2 unless a JDBC URL is given); DuckDB reports on it.
 * Running it again continues where it stopped: done captures stay done, the compaction is
 * idempotent, and the report is of the warehouse as it stands.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline on this machine: captures -> Flume agent (decode, join, enrich) ->"
          + " staged Avro -> compaction -> Parquet warehouse -> report (text and HTML).",
      "Without options it uses the bundled sample captures, MaxMind test databases and the"
          + " sample customer zones."
    })
public final class RunCommand implements Callable<Integer> {
  static final String SAMPLE_MARKER = ".pcap2hdfs-sample";

  @Option(
      names = "--out",
      defaultValue = "pcap2hdfs-run",
      description = "Working directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--spool",
      description =
          "Spool directory with a folder <server>_<location> per name server (default: <out>/spool with the bundled samples).")
  Path spool;

  @Option(
      names = "--geoip-city",
      description =
          "GeoIP2/GeoLite2 City or Country database (default: the MaxMind test database).")
  Path geoipCity;

  @Option(
      names = "--geoip-asn",
      description = "GeoLite2 ASN database (default: the MaxMind test database).")
  Path geoipAsn;

  @Option(
      names = "--jdbc-url",
      description =
          "Customer zones database (default: embedded H2 seeded from conf/customers/customer-zones.sql).")
  String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      defaultValue = "sa",
      description = "Database user (default: ${DEFAULT-VALUE}).")
  String jdbcUser;

  @Option(
      names = "--aggregates-jdbc-url",
      description =
          "Aggregates database, e.g. jdbc:postgresql://host/dns (default: embedded H2 in <out>/aggregates).")
  String aggregatesJdbcUrl;

  @Option(names = "--aggregates-jdbc-user", description = "Aggregates database user.")
  String aggregatesJdbcUser;

  @Option(
      names = "--aggregates-password-file",
      description = "File holding the aggregates database password.")
  Path aggregatesPasswordFile;

  @Option(
      names = "--aggregates-password-env",
      description = "Environment variable holding the aggregates database password.")
  String aggregatesPasswordEnv;

  @Option(
      names = "--icmp",
      description =
          "Also decode ICMP and ICMPv6 messages into their own staging (staging-icmp) and warehouse"
              + " table (warehouse-icmp), and report them.")
  boolean icmp;

  @Option(
      names = "--conf",
      description = "Agent configuration template (default: conf/local/agent.properties).")
  Path agentConf;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    Path home = home();
    Path work = Files.createDirectories(out.toAbsolutePath().normalize());
    // The agent, Hadoop and DuckDB log to a file; the terminal gets progress and the report.
    Path log = work.resolve("pcap2hdfs.log");
    System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    Path spoolDir = spool != null ? spool.toAbsolutePath() : work.resolve("spool");
    Path staging = work.resolve("staging");
    Path warehouse = work.resolve("warehouse");
    Path icmpStaging = work.resolve("staging-icmp");
    Path icmpWarehouse = work.resolve("warehouse-icmp");
    long started = System.nanoTime();

    if (spool == null) {
      prepareSample(home, spoolDir, err);
    }
    Files.createDirectories(staging);
    Files.createDirectories(icmpStaging);
    // No agent runs yet: staged files still named in-use were left by a killed run.
    Set<Path> leftOpen = new HashSet<>(LocalAgent.inUseFiles(staging));
    leftOpen.addAll(LocalAgent.inUseFiles(icmpStaging));
    Path schema = Files.writeString(work.resolve("dns_query.avsc"), RowSchema.get().json());
    Path icmpSchema = Files.writeString(work.resolve("icmp_message.avsc"), RowSchema.icmp().json());

    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spoolDir.toString());
    v.put("STATE_DIR", work.resolve("state").toString());
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    v.put("STAGING_URI", staging.toUri().toString().replaceAll("/$", ""));
    v.put("SCHEMA_URL", schema.toUri().toString());
    v.put("ICMP", Boolean.toString(icmp));
    v.put("ICMP_SCHEMA_URL", icmpSchema.toUri().toString());
    v.put("ICMP_STAGING_URI", icmpStaging.toUri().toString().replaceAll("/$", ""));
    v.put(
        "GEOIP_CITY_DB", orDefault(geoipCity, home.resolve("samples/geoip/GeoIP2-City-Test.mmdb")));
    v.put(
        "GEOIP_ASN_DB", orDefault(geoipAsn, home.resolve("samples/geoip/GeoLite2-ASN-Test.mmdb")));
    v.put(
        "CUSTOMER_JDBC_URL",
        jdbcUrl != null
            ? jdbcUrl
            : "jdbc:h2:mem:customers;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM '"
                + home.resolve("conf/customers/customer-zones.sql").toString().replace("'", "''")
                + "'");
    v.put("CUSTOMER_DB_USER", jdbcUser);
    v.put("RESOLVER_LIST", home.resolve("conf/resolvers/public-resolvers.txt").toString());

    err.println("run: logs in " + log);
    err.println(
        "run: agent from "
            + orDefault(agentConf, home.resolve("conf/local/agent.properties"))
            + ", spool "
            + spoolDir);
    try (LocalAgent agent =
        LocalAgent.start(
            agentConf != null ? agentConf : home.resolve("conf/local/agent.properties"),
            "local",
            v,
            work)) {
      agent.awaitDrained(spoolDir, List.of(staging, icmpStaging), leftOpen, err);
    }

    err.println("run: compacting " + staging + " into " + warehouse);
    RunReport compaction = compact(RowSchema.get(), staging, warehouse, work.resolve("compaction"));
    err.printf(
        "run: compaction: %,d rows in, %,d out (%,d duplicates dropped), %d files, %d partitions published%n",
        compaction.rowsIn(),
        compaction.rowsOut(),
        compaction.duplicates(),
        compaction.files(),
        compaction.published().size());
    if (compaction.staleFilesRecovered() > 0) {
      err.printf(
          "run: recovered %d staged file(s) a killed run left open: %,d rows, %,d torn bytes dropped%n",
          compaction.staleFilesRecovered(),
          compaction.staleRowsRecovered(),
          compaction.staleBytesDropped());
    }

    if (compaction.failure() != null) {
      // The other partitions are published; the failed ones keep their staged files.
      err.println(
          "run: compaction failed for "
              + compaction.failed().size()
              + " partition(s), their staged files are kept: "
              + compaction.failure().getMessage());
      return 1;
    }

    if (icmp) {
      err.println("run: compacting " + icmpStaging + " into " + icmpWarehouse);
      RunReport icmpCompaction =
          compact(RowSchema.icmp(), icmpStaging, icmpWarehouse, work.resolve("compaction-icmp"));
      err.printf(
          "run: icmp compaction: %,d rows in, %,d out, %d partitions published%n",
          icmpCompaction.rowsIn(), icmpCompaction.rowsOut(), icmpCompaction.published().size());
      if (icmpCompaction.failure() != null) {
        err.println(
            "run: icmp compaction failed, the staged files are kept: "
                + icmpCompaction.failure().getMessage());
        return 1;
      }
    }

    if (!Files.exists(warehouse)) {
      err.println("run: the warehouse is empty: no capture produced a row");
      return 1;
    }
    LocalAggregates aggregates =
        LocalAggregates.of(
            warehouse,
            work,
            aggregatesJdbcUrl,
            aggregatesJdbcUser,
            aggregatesPasswordFile,
            aggregatesPasswordEnv);
    WarehouseReport report =
        WarehouseReport.of(warehouse, icmp && Files.exists(icmpWarehouse) ? icmpWarehouse : null);
    try {
      AggregateJob.Result done = aggregates.run();
      err.println(
          "run: aggregates in "
              + aggregates.url()
              + ": days "
              + done.days
              + ", months "
              + done.months
              + " recomputed");
      aggregates.addTo(report);
    } catch (AggregateException | SQLException e) {
      err.println("run: aggregates failed (the rows already there are kept): " + e.getMessage());
      return 1;
    }
    PrintStream console = System.out;
    TextReport.print(report, console);
    Path html =
        HtmlReport.write(
            report,
            work.resolve("report.html"),
            "Warehouse " + warehouse + " (" + report.totalRows() + " rows)");
    err.printf("run: done in %.1f s; HTML report: %s%n", (System.nanoTime() - started) / 1e9, html);
    return 0;
  }

  /** Splits the bundled capture into the sample spool, once (a marker tells it is there). */
  private static void prepareSample(Path home, Path spoolDir, PrintStream err) throws Exception {
    Path marker = spoolDir.resolve(SAMPLE_MARKER);
    if (Files.exists(marker)) {
      return;
    }
    Path capture = home.resolve("samples/knot-example.ca-geo.pcap.gz");
    Map<String, Integer> files = SampleSpool.write(capture, spoolDir);
    Files.writeString(marker, "sample spool from " + capture + "\n");
    err.println("run: sample spool " + spoolDir + ": " + files);
  }

  private static RunReport compact(RowSchema rows, Path staging, Path warehouse, Path workDir)
      throws Exception {
    List<String> partitions = closedDays(staging);
    Configuration conf = new Configuration();
    conf.set(CompactionConfig.ROW_KIND, rows.kindName());
    conf.set(CompactionConfig.STAGING_DIR, staging.toUri().toString());
    conf.set(CompactionConfig.WAREHOUSE_DIR, warehouse.toUri().toString());
    conf.set(CompactionConfig.WORK_DIR, workDir.toUri().toString());
    conf.set(
        CompactionConfig.SPILL_DIR,
        Files.createDirectories(workDir.resolveSibling("spill")).toString());
    // Everything staged is complete once the agent has drained: no grace period to wait for.
    conf.set(CompactionConfig.PARTITIONS, String.join(",", partitions));
    // The agent has stopped and closed its own files: a staged file still named in-use was left
    // by a killed run, and compaction recovers its complete blocks.
    conf.setLong(CompactionConfig.STALE_IN_USE_MINUTES, 0);
    conf.set(CompactionConfig.IMPALA_MODE, "skip");
    return new Compactor(CompactionConfig.from(conf), Clock.systemUTC(), CompactionHooks.NONE)
        .runReportingFailures();
  }

  /** The year=/month=/day= directories holding staged files. */
  static List<String> closedDays(Path staging) throws Exception {
    if (!Files.exists(staging)) {
      return new ArrayList<>();
    }
    try (Stream<Path> dirs = Files.walk(staging, 3)) {
      return dirs.filter(Files::isDirectory)
          .map(staging::relativize)
          .map(Path::toString)
          .filter(p -> p.matches("year=\\d+/month=\\d+/day=\\d+"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The repository root: where the launcher lives (it sets pcap2hdfs.home), else the cwd. */
  public static Path home() {
    String h = System.getProperty("pcap2hdfs.home");
    return Path.of(h != null ? h : ".").toAbsolutePath().normalize();
  }

  private static String orDefault(Path p, Path fallback) {
    return (p != null ? p : fallback).toAbsolutePath().toString();
  }
}
