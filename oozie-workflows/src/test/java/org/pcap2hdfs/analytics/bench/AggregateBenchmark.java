package org.pcap2hdfs.analytics.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.pcap2hdfs.analytics.aggregate.AggregateSql;
import org.pcap2hdfs.analytics.aggregate.AggregateTable;
import org.pcap2hdfs.analytics.aggregate.DuckDbWarehouse;
import org.pcap2hdfs.analytics.aggregate.EngineQueries;
import org.pcap2hdfs.analytics.aggregate.Grain;
import org.pcap2hdfs.analytics.aggregate.PeriodAggregates;
import org.pcap2hdfs.analytics.testing.TestWarehouse;

/**
 * Throughput of the aggregate SQL in DuckDB: a warehouse of N synthetic enriched rows (two days of
 * one month, two servers each, written by the real compaction job), then every aggregate query of
 * one day and of the month, P passes; rows per second of warehouse rows read. Not a unit test: run
 * it as the README says.
 *
 * <pre>
 * AggregateBenchmark [--rows N] [--passes P] [--threads T] [--dir DIR]
 * </pre>
 */
public final class AggregateBenchmark {
  private static final LocalDate DAY1 = LocalDate.of(2024, 3, 4);
  private static final LocalDate DAY2 = LocalDate.of(2024, 3, 5);

  public static void main(String[] args) throws Exception {
    long rows = 2_000_000;
    int passes = 3;
    int threads = 1;
    Path dir = Paths.get("target/aggregate-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows":
          rows = Long.parseLong(args[++i]);
          break;
        case "--passes":
          passes = Integer.parseInt(args[++i]);
          break;
        case "--threads":
          threads = Integer.parseInt(args[++i]);
          break;
        case "--dir":
          dir = Paths.get(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    deleteRecursively(dir);
    long quarter = rows / 4;
    long t0 = System.nanoTime();
    TestWarehouse wh = new TestWarehouse(dir.toAbsolutePath(), 10);
    wh.add(DAY1, "ns1", 1, 0, quarter);
    wh.add(DAY1, "ns2", 2, 0, quarter);
    wh.add(DAY2, "ns1", 3, 0, quarter);
    wh.add(DAY2, "ns2", 4, 0, quarter);
    System.out.printf(
        Locale.ROOT,
        "warehouse: %,d rows in 4 partitions, %.1f s to generate and compact%n",
        4 * quarter,
        (System.nanoTime() - t0) / 1e9);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + threads);
      }
      DuckDbWarehouse.register(duck, "dns.queries", wh.warehouse().toString());
      EngineQueries q = new EngineQueries(duck, new AggregateSql("dns.queries", 10));
      for (int p = 1; p <= passes; p++) {
        measure(q, Grain.DAY, DAY1, 2 * quarter, threads, p);
        measure(q, Grain.MONTH, DAY1, 4 * quarter, threads, p);
      }
    }
  }

  private static void measure(
      EngineQueries q, Grain grain, LocalDate day, long rowsRead, int threads, int pass)
      throws Exception {
    long t0 = System.nanoTime();
    PeriodAggregates a = q.compute(grain, day);
    double s = (System.nanoTime() - t0) / 1e9;
    int out = 0;
    for (AggregateTable t : AggregateTable.values()) {
      out += a.rows(t).size();
    }
    System.out.printf(
        Locale.ROOT,
        "pass %d %-5s %,11d rows read, %,6d aggregate rows, %6.2f s, %,11.0f rows/s (%d DuckDB"
            + " threads)%n",
        pass,
        grain,
        rowsRead,
        out,
        s,
        rowsRead / s,
        threads);
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
