package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.interceptor.customer.LocalPostgres;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * The whole agent of {@code conf/flume/pcap-enrich-to-hdfs.properties}: the PCAP source, the geo,
 * customer (on a real PostgreSQL) and public-resolver enrichment, a file channel and the HDFS sink
 * into a MiniDFSCluster. The staged rows carry the enrichment.
 */
class EnrichedAgentHdfsTest {
  private static final Path KNOT =
      Path.of(
          "../flume-source-pcap/src/test/resources/pcap/generated__knot-example.ca-geo.pcap.gz");
  private static final Path GEOIP = Path.of("src/test/resources/geoip");
  private static MiniHdfs hdfs;
  private static FileSystem fs;

  @TempDir static Path hdfsDir;
  @TempDir Path work;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = MiniHdfs.start(hdfsDir);
    fs = hdfs.fs();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void stagedRowsCarryGeoCustomerAndResolverValues() throws Exception {
    LocalPostgres pg = LocalPostgres.get();
    pg.sql(
        String.join(
            " ",
            Files.readAllLines(Path.of("../conf/customers/customer-zones.sql")).stream()
                .filter(l -> !l.startsWith("--"))
                .collect(Collectors.toList())));
    pg.sql("GRANT SELECT ON customer_zones TO " + LocalPostgres.ROLE);
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Files.copy(KNOT, spool.resolve("dump.pcap.gz"));
    Path password = Files.writeString(work.resolve("db.password"), LocalPostgres.PASSWORD + "\n");
    Path schema =
        Files.writeString(work.resolve("dns_query.avsc"), org.pcap2hdfs.row.RowSchema.get().json());

    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spool.getParent().toString());
    v.put("MIN_FILE_AGE_MS", "0");
    v.put("SCHEMA_URL", schema.toUri().toString());
    v.put("GEOIP_CITY_DB", GEOIP.resolve("GeoIP2-City-Test.mmdb").toAbsolutePath().toString());
    v.put("GEOIP_ASN_DB", GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath().toString());
    v.put("CUSTOMER_JDBC_URL", pg.jdbcUrl());
    v.put("CUSTOMER_DB_USER", LocalPostgres.ROLE);
    v.put("CUSTOMER_DB_PASSWORD_FILE", password.toString());
    v.put(
        "RESOLVER_LIST",
        Path.of("../conf/resolvers/public-resolvers.txt").toAbsolutePath().toString());
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    v.put("STAGING_URI", hdfs.uri() + "/staging");
    v.put("FILE_PREFIX", "agent1");
    v.put("IDLE_TIMEOUT_S", "1");
    Map<String, String> overrides = Map.of("a1.sources.pcap.idleFlushMs", "500");

    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-enrich-to-hdfs.properties"), "a1", v, overrides, work)) {
      Waits.until(Duration.ofSeconds(120), "every row staged", () -> staged().size() >= 24_843);
    }
    List<Staged.Record> rows = staged();
    assertThat(rows).hasSize(24_843);
    Map<String, Staged.Record> byClient =
        rows.stream().collect(Collectors.toMap(r -> r.get("src"), r -> r, (a, b) -> a));
    assertThat(byClient.get("81.2.69.142"))
        .satisfies(
            r -> {
              assertThat(r.get("country")).isEqualTo("GB");
              assertThat(r.get("city")).isEqualTo("London");
            });
    assertThat(byClient.get("89.160.20.112"))
        .satisfies(
            r -> {
              assertThat(r.get("country")).isEqualTo("SE");
              assertThat(r.get("city")).isEqualTo("Linköping");
              assertThat(r.get("asn")).isEqualTo("29518");
              assertThat(r.get("asn_organisation")).isEqualTo("Bredband2 AB");
            });
    assertThat(byClient.get("1.128.0.18").get("asn")).isEqualTo("1221");
    assertThat(byClient.get("198.18.9.19").get("country")).isNull();
    Map<String, Long> customers =
        rows.stream()
            .filter(r -> r.get("customer_id") != null)
            .collect(
                Collectors.groupingBy(
                    r -> r.get("customer_id") + " " + r.get("zone"), Collectors.counting()));
    assertThat(customers).containsKey("C001 example.ca");
    rows.stream()
        .filter(r -> r.get("qname") != null && r.get("qname").endsWith("wild.example.ca"))
        .forEach(r -> assertThat(r.get("customer_name")).isEqualTo("Wildcard Hosting Inc."));
  }

  private static List<Staged.Record> staged() {
    try {
      return Staged.read(fs, new org.apache.hadoop.fs.Path("/staging"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
