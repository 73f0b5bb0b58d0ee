package org.pcap2hdfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.testing.MaskedAddresses;

/**
 * decode with --privacy: every row as without it, src and edns_client_subnet masked; geo from the
 * full address with --geoip-city; a key file others may read is a clear error.
 */
class DecodePrivacyTest {
  private static final Path CAPTURES = DecodeCommandTest.CAPTURES;
  private static final Path KNOT = CAPTURES.resolve("generated__knot-example.ca-geo.pcap.gz");
  private static final Path EDNS = CAPTURES.resolve("tcpdump__edns-opts.pcap");
  private static final Path CITY =
      Path.of("../flume-interceptors/src/test/resources/geoip/GeoIP2-City-Test.mmdb");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private int run(StringBuilder stderr, String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setErr(saved);
      stderr.append(err.toString(StandardCharsets.UTF_8));
    }
  }

  private List<JsonNode> jsonRows(Path capture, String... options) throws Exception {
    Path out = dir.resolve("rows-" + System.nanoTime() + ".jsonl");
    List<String> args = new ArrayList<>(List.of("decode", "--out", out.toString()));
    args.addAll(List.of(options));
    args.add(capture.toString());
    StringBuilder err = new StringBuilder();
    assertThat(run(err, args.toArray(new String[0]))).as(err.toString()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  private Path key(String perms) throws Exception {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (31 - i);
    }
    Path f = Files.write(dir.resolve("key-" + perms), k);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
    return f;
  }

  /** The kept rows with src and edns_client_subnet masked as {@code m} says. */
  private static List<JsonNode> masked(List<JsonNode> kept, MaskedAddresses m) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode row : kept) {
      ObjectNode r = row.deepCopy();
      r.put("src", m.client(row.get("src").asText()));
      if (!row.get("edns_client_subnet").isNull()) {
        r.put("edns_client_subnet", m.subnet(row.get("edns_client_subnet").asText()));
      }
      out.add(r);
    }
    return out;
  }

  @Test
  void truncateKeepsTheConfiguredPrefixes() throws Exception {
    for (Path capture : List.of(KNOT, EDNS)) {
      List<JsonNode> kept = jsonRows(capture);
      List<JsonNode> rows =
          jsonRows(capture, "--privacy", "truncate", "--ipv4-prefix", "16", "--ipv6-prefix", "32");
      assertThat(rows).isEqualTo(masked(kept, MaskedAddresses.truncated(16, 32)));
    }
  }

  @Test
  void pseudonymsInTheAvroOutputAndGeoOfTheRealClient() throws Exception {
    Path key = key("rw-------");
    Path avro = dir.resolve("rows.avro");
    StringBuilder err = new StringBuilder();
    int code =
        run(
            err,
            "decode",
            "--format",
            "avro",
            "--out",
            avro.toString(),
            "--privacy",
            "pseudonym",
            "--privacy-key",
            key.toString(),
            "--geoip-city",
            CITY.toString(),
            KNOT.toString());
    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> expected = masked(jsonRows(KNOT), MaskedAddresses.pseudonyms(readKey(key)));
    List<GenericRecord> rows = new ArrayList<>();
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(avro.toFile(), new GenericDatumReader<>())) {
      r.forEach(rows::add);
    }
    assertThat(rows).hasSameSizeAs(expected);
    String london = MaskedAddresses.pseudonyms(readKey(key)).client("81.2.69.142");
    int londoners = 0;
    for (int i = 0; i < rows.size(); i++) {
      GenericRecord r = rows.get(i);
      assertThat(r.get("src").toString()).isEqualTo(expected.get(i).get("src").asText());
      assertThat(r.get("event_id").toString()).isEqualTo(expected.get(i).get("event_id").asText());
      if (r.get("src").toString().equals(london)) {
        assertThat(r.get("city").toString()).isEqualTo("London");
        londoners++;
      }
    }
    assertThat(londoners).isPositive();
  }

  @Test
  void aKeyFileEveryoneMayReadIsRefused() throws Exception {
    Path key = key("rw-r--r--");
    StringBuilder err = new StringBuilder();
    int code =
        run(
            err,
            "decode",
            "--privacy",
            "pseudonym",
            "--privacy-key",
            key.toString(),
            EDNS.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().trim())
        .isEqualTo(
            "pcap2hdfs decode: privacy.keyFile "
                + key
                + " is readable by every user (rw-r--r--); make it readable by the agent's user"
                + " only, e.g. chmod 600");
  }

  @Test
  void pseudonymWithoutAKeyIsRefused() {
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--privacy", "pseudonym", EDNS.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("privacy.keyFile is required when privacy.mode is pseudonym");
  }

  private static byte[] readKey(Path key) throws Exception {
    return Files.readAllBytes(key);
  }
}
