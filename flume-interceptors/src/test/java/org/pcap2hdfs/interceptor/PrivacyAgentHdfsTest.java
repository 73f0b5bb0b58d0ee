package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.interceptor.testing.AgentEnrichment;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MaskedAddresses;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * Privacy through a real agent ({@code conf/flume/pcap-to-hdfs.properties}: PCAP source, file
 * channel, HDFS sink into a MiniDFSCluster): no client address of the capture that masking changes
 * reaches staging, in any column; the staged rows are decode's rows with src and edns_client_subnet
 * masked, every other column equal. With pseudonyms the source also looks up geo and ASN on the
 * full address first: the geo columns are those of the real clients.
 */
class PrivacyAgentHdfsTest {
  private static final Path KNOT =
      Path.of(
          "../flume-source-pcap/src/test/resources/pcap/generated__knot-example.ca-geo.pcap.gz");
  private static final int KNOT_ROWS = 24_843;
  private static final Path GEOIP = Path.of("src/test/resources/geoip");
  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 7 + 3);
    }
  }

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

  @ParameterizedTest(name = "privacy.mode = {0}")
  @ValueSource(strings = {"truncate", "pseudonym"})
  void noFullClientAddressReachesStaging(String mode) throws Exception {
    boolean pseudonym = mode.equals("pseudonym");
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Path capture = Files.copy(KNOT, spool.resolve("dump.pcap.gz"));
    Path schema = Files.writeString(work.resolve("dns_query.avsc"), RowSchema.get().json());
    Path key = Files.write(work.resolve("privacy.key"), KEY);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String city = GEOIP.resolve("GeoIP2-City-Test.mmdb").toAbsolutePath().toString();
    String asn = GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath().toString();

    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spool.getParent().toString());
    v.put("MIN_FILE_AGE_MS", "0");
    v.put("SCHEMA_URL", schema.toUri().toString());
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    String staging = "/staging-" + mode;
    v.put("STAGING_URI", hdfs.uri() + staging);
    v.put("FILE_PREFIX", "agent1");
    v.put("IDLE_TIMEOUT_S", "1");
    String source = "a1.sources.pcap.";
    Map<String, String> privacy = new HashMap<>();
    privacy.put(source + "idleFlushMs", "500");
    privacy.put(source + "privacy.mode", mode);
    if (pseudonym) {
      privacy.put(source + "privacy.keyFile", key.toString());
      privacy.put(source + "privacy.enrichFullAddress", "true");
      privacy.put(source + "privacy.enrich.geoip.locationDatabase", city);
      privacy.put(source + "privacy.enrich.geoip.asnDatabase", asn);
    }

    // Expected: decode's rows (geo from the full addresses with pseudonyms), then masked.
    DecodedRows decoded = DecodedRows.of("ns1", "ams", capture);
    List<GenericRecord> kept = decoded.records();
    List<GenericRecord> expected =
        pseudonym ? geoOnFullAddresses(city, asn, decoded.datums) : decoded.records();
    MaskedAddresses masked =
        pseudonym ? MaskedAddresses.pseudonyms(KEY) : MaskedAddresses.truncated(24, 48);
    Set<String> fullAddresses = new HashSet<>();
    for (int i = 0; i < expected.size(); i++) {
      GenericRecord r = expected.get(i);
      String src = r.get("src").toString();
      r.put("src", masked.client(src));
      if (!r.get("src").equals(src)) {
        fullAddresses.add(src);
      }
      Object ecs = r.get("edns_client_subnet");
      if (ecs != null) {
        r.put("edns_client_subnet", masked.subnet(ecs.toString()));
      }
    }
    assertThat(fullAddresses).as("the capture's clients, IPv4 and IPv6").hasSize(9);

    Path conf = FlumeAgent.conf("flume/pcap-to-hdfs.properties");
    try (FlumeAgent agent = FlumeAgent.start(conf, "a1", v, privacy, work)) {
      Waits.until(
          Duration.ofSeconds(120), "every row staged", () -> staged(staging).size() >= KNOT_ROWS);
    }
    List<Staged.Record> rows = staged(staging);
    assertThat(rows).hasSize(KNOT_ROWS);
    Staged.assertSameRows(Staged.rows(rows), expected);

    // No column of any staged row holds a full client address.
    List<Schema.Field> fields = RowSchema.get().avro().getFields();
    for (Staged.Record r : rows) {
      for (Schema.Field f : fields) {
        Object value = r.row.get(f.pos());
        if (value != null) {
          String text = value.toString();
          int slash = text.indexOf('/');
          assertThat(fullAddresses)
              .doesNotContain(text, slash < 0 ? text : text.substring(0, slash));
        }
      }
    }
    if (pseudonym) {
      // Geo and ASN of the real client, not of its pseudonym.
      Map<String, GenericRecord> byEventId = new HashMap<>();
      rows.forEach(r -> byEventId.put(r.get("event_id"), r.row));
      GenericRecord london = null;
      GenericRecord sweden = null;
      for (GenericRecord k : kept) {
        if (k.get("src").toString().equals("81.2.69.142")) {
          london = byEventId.get(k.get("event_id").toString());
        } else if (k.get("src").toString().equals("89.160.20.112")) {
          sweden = byEventId.get(k.get("event_id").toString());
        }
      }
      assertThat(london.get("src").toString()).isEqualTo(masked.client("81.2.69.142"));
      assertThat(london.get("city").toString()).isEqualTo("London");
      assertThat(sweden.get("country").toString()).isEqualTo("SE");
      assertThat(sweden.get("asn").toString()).isEqualTo("29518");
    }
  }

  /** Decode's rows through the geo interceptor, on their full addresses. */
  private static List<GenericRecord> geoOnFullAddresses(
      String city, String asn, List<byte[]> datums) throws Exception {
    Properties p = new Properties();
    p.setProperty("x.type", EnrichmentInterceptor.Builder.class.getName());
    p.setProperty("x.stages", "geoip");
    p.setProperty("x.geoip.locationDatabase", city);
    p.setProperty("x.geoip.asnDatabase", asn);
    return AgentEnrichment.enrich(p, "x.", "expected-privacy", datums);
  }

  private static List<Staged.Record> staged(String root) {
    try {
      return Staged.read(fs, new org.apache.hadoop.fs.Path(root));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
