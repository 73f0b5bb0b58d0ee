package org.pcap2hdfs.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.pcap2hdfs.cli.Main;

/**
 * A small warehouse for report tests, without the agent: two bundled captures decoded to Parquet as
 * two locations (decode writes the warehouse columns, {@code query_ts} included), then laid out by
 * DuckDB in the warehouse's partitions.
 */
final class SmallWarehouse {
  private static final Path CAPTURES = Path.of("../flume-source-pcap/src/test/resources/pcap");

  private SmallWarehouse() {}

  static Path write(Path warehouse) throws Exception {
    Path tmp = Files.createTempDirectory(warehouse.getParent(), "decoded");
    Path ams = tmp.resolve("ams.parquet");
    Path fra = tmp.resolve("fra.parquet");
    decode(CAPTURES.resolve("dnscap__dns.pcap"), "ams", ams);
    decode(CAPTURES.resolve("tcpdump__edns-opts.pcap"), "fra", fra);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT *,"
              + " year(make_timestamp(time_us)) AS year, month(make_timestamp(time_us)) AS month,"
              + " day(make_timestamp(time_us)) AS day, 'ns1' AS server"
              + " FROM read_parquet(['"
              + ams
              + "', '"
              + fra
              + "']))"
              + " TO '"
              + warehouse
              + "' (FORMAT PARQUET, PARTITION_BY (year, month, day, server))");
    }
    return warehouse;
  }

  private static void decode(Path capture, String location, Path out) {
    int code =
        Main.run(
            "decode",
            "--format",
            "parquet",
            "--out",
            out.toString(),
            "--server",
            "ns1",
            "--location",
            location,
            capture.toString());
    if (code != 0) {
      throw new IllegalStateException("decode of " + capture + " exited " + code);
    }
  }
}
