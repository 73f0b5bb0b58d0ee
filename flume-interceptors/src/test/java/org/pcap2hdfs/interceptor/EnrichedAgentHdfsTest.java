package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.config.PropertiesTemplate;
import org.pcap2hdfs.flume.PcapSpoolingSource;
import org.pcap2hdfs.interceptor.testing.AgentEnrichment;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.LocalPostgres;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * The whole agent of {@code conf/flume/pcap-enrich-to-hdfs.properties}: the PCAP source, the geo,
 * customer (on a real PostgreSQL) and public-resolver enrichment, a file channel and the HDFS sink
 * into a MiniDFSCluster; with row blocks as shipped and with one-datum events. The staged rows are
 * decode's rows run through an interceptor built from the agent's own interceptor settings, every
 * column compared; and each stage really filled columns.
 */
class EnrichedAgentHdfsTest {
  private static final Path KNOT =
      Path.of(
          "../flume-source-pcap/src/test/resources/pcap/generated__knot-example.ca-geo.pcap.gz");
  private static final int KNOT_ROWS = 24_843;
  private static final Path GEOIP = Path.of("src/test/resources/geoip");
  private static final String INTERCEPTOR = "a1.sources.pcap.interceptors.enrich.";
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

  /** Shipped: row blocks of 1,000 rows. Else one-datum events (still RowBlockSerializer). */
  private static Map<String, String> eventKind(boolean blocks) {
    Map<String, String> m = new HashMap<>();
    m.put("a1.sources.pcap.idleFlushMs", "500");
    if (!blocks) {
      m.put("a1.sources.pcap.rowsPerEvent", "1");
      m.put("a1.sources.pcap.batchSize", "1000");
      m.put("a1.channels.fc.capacity", "1000000");
      m.put("a1.channels.fc.transactionCapacity", "10000");
      m.put("a1.sinks.hdfs.hdfs.batchSize", "10000");
    }
    return m;
  }

  @ParameterizedTest(name = "row blocks: {0}")
  @ValueSource(booleans = {true, false})
  void stagedRowsAreDecodeEnrichedByGeoCustomerAndResolver(boolean blocks) throws Exception {
    LocalPostgres pg = LocalPostgres.get();
    pg.sql(
        String.join(
            " ",
            Files.readAllLines(Path.of("../conf/customers/customer-zones.sql")).stream()
                .filter(l -> !l.startsWith("--"))
                .collect(Collectors.toList())));
    pg.sql("GRANT SELECT ON customer_zones TO " + LocalPostgres.ROLE);
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Path capture = Files.copy(KNOT, spool.resolve("dump.pcap.gz"));
    Path password = Files.writeString(work.resolve("db.password"), LocalPostgres.PASSWORD + "\n");
    Path schema =
        Files.writeString(work.resolve("dns_query.avsc"), org.pcap2hdfs.row.RowSchema.get().json());
    // No client of the capture is in the shipped public-resolver list; a second list names three
    // of them (a /24, an IPv6 /32 and a /32 inside a wider prefix), so the column is exercised.
    Path testResolvers =
        Files.writeString(
            work.resolve("test-resolvers.txt"),
            "# clients of generated__knot-example.ca-geo\n"
                + "216.160.83.0/24        Test-Resolver-A\n"
                + "2001:218::/32          Test-Resolver-B\n"
                + "175.16.0.0/16          Test-Wide\n"
                + "175.16.199.15/32       Test-Narrow\n");

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
        Path.of("../conf/resolvers/public-resolvers.txt").toAbsolutePath()
            + ","
            + testResolvers.toAbsolutePath());
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    String staging = "/staging-" + blocks;
    v.put("STAGING_URI", hdfs.uri() + staging);
    v.put("FILE_PREFIX", "agent1");
    v.put("IDLE_TIMEOUT_S", "1");

    Path conf = FlumeAgent.conf("flume/pcap-enrich-to-hdfs.properties");
    String counters = "expected-enrichment-" + blocks;
    List<GenericRecord> expected = decodedAndEnriched(conf, v, capture, counters);
    assertThat(expected).hasSize(KNOT_ROWS);

    try (FlumeAgent agent = FlumeAgent.start(conf, "a1", v, eventKind(blocks), work)) {
      Waits.until(
          Duration.ofSeconds(120), "every row staged", () -> staged(staging).size() >= KNOT_ROWS);
      PcapSpoolingSource source = agent.source("pcap");
      assertThat(source.counter().getFilesDone()).isEqualTo(1);
      assertThat(source.counter().getRowsAccepted()).isEqualTo(KNOT_ROWS);
      if (blocks) {
        assertThat(source.counter().getEventAcceptedCount())
            .isBetween(KNOT_ROWS / 1000L, KNOT_ROWS / 1000L + 8);
      } else {
        assertThat(source.counter().getEventAcceptedCount()).isEqualTo(KNOT_ROWS);
      }
    }
    List<Staged.Record> rows = staged(staging);
    assertThat(rows).hasSize(KNOT_ROWS);
    Staged.assertSameRows(Staged.rows(rows), expected);

    // The expectation is not vacuous: every stage filled the columns it should.
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
    Map<String, Long> resolvers =
        rows.stream()
            .filter(r -> r.get("pub_resolver") != null)
            .collect(
                Collectors.groupingBy(
                    r -> r.get("src") + " " + r.get("pub_resolver"),
                    TreeMap::new,
                    Collectors.counting()));
    assertThat(resolvers.keySet())
        .as("the most specific prefix wins")
        .containsExactly(
            "175.16.199.15 Test-Narrow",
            "2001:218::14 Test-Resolver-B",
            "216.160.83.56 Test-Resolver-A");
    // Each of the agent's stages saw every row and enriched as many as the expectation's did.
    Map<String, List<Long>> agentStages = stageCounters(latestAgentGroup());
    assertThat(agentStages)
        .containsOnlyKeys("geoip", "customer", "resolver")
        .isEqualTo(stageCounters(counters));
    agentStages.values().forEach(c -> assertThat(c.get(1)).isPositive());
  }

  /**
   * What decode makes of the capture, each row then run through an interceptor built from the
   * agent's own interceptor settings (its counter group renamed, to keep the agent's counters
   * apart), as records of the schema.
   */
  private static List<GenericRecord> decodedAndEnriched(
      Path conf, Map<String, String> v, Path capture, String counterGroup) throws Exception {
    Properties agent = new Properties();
    agent.load(new StringReader(PropertiesTemplate.fill(conf, v)));
    return AgentEnrichment.enrich(
        agent, INTERCEPTOR, counterGroup, DecodedRows.of("ns1", "ams", capture).datums);
  }

  /**
   * The counter group of the interceptor built last with the default name ({@code enrichment-<n>},
   * n counting instances in this JVM): the agent that just ran.
   */
  private static String latestAgentGroup() throws Exception {
    int latest = 0;
    for (ObjectName n :
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(new ObjectName("org.apache.flume.interceptor:type=enrichment-*"), null)) {
      String group = n.getKeyProperty("type");
      String instance = group.substring("enrichment-".length(), group.indexOf('.'));
      latest = Math.max(latest, Integer.parseInt(instance));
    }
    assertThat(latest).as("an agent's enrichment counters in JMX").isPositive();
    return "enrichment-" + latest;
  }

  /** Rows in and rows enriched of each stage of counter group {@code group}, by stage kind. */
  private static Map<String, List<Long>> stageCounters(String group) throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    Map<String, List<Long>> out = new TreeMap<>();
    for (String kind : List.of("geoip", "customer", "resolver")) {
      Set<ObjectName> names =
          jmx.queryNames(
              new ObjectName("org.apache.flume.interceptor:type=" + group + "." + kind), null);
      for (ObjectName n : names) {
        out.put(
            kind,
            List.of(
                (Long) jmx.getAttribute(n, "RowsIn"), (Long) jmx.getAttribute(n, "RowsEnriched")));
      }
    }
    return out;
  }

  private static List<Staged.Record> staged(String root) {
    try {
      return Staged.read(fs, new org.apache.hadoop.fs.Path(root));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
