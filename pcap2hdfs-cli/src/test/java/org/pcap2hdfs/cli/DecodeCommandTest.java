package org.pcap2hdfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.row.RowSchema;

/** The decode command's contract: outputs, the summary line, exit codes. */
class DecodeCommandTest {
  static final Path CAPTURES = Path.of("../flume-source-pcap/src/test/resources/pcap");
  static final Path DNS = CAPTURES.resolve("dnscap__dns.pcap");

  @TempDir Path dir;

  /** Runs the command; returns exit code, and fills stderr. */
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

  @Test
  void aTcpGapTimeoutOutOfRangeIsAUsageError() {
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--tcp-gap-timeout-ms", "0", DNS.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("TCP gap timeout must be 1..60000 ms, not 0");
  }

  @Test
  void jsonLinesHaveExactlyTheSchemaFieldsAndASummary() throws Exception {
    Path out = dir.resolve("rows.jsonl");
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--out", out.toString(), DNS.toString())).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(41);
    List<String> schemaFields = new ArrayList<>();
    for (Schema.Field f : RowSchema.get().avro().getFields()) {
      schemaFields.add(f.name());
    }
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isEqualTo(schemaFields);
    assertThat(first.get("rcode").isInt()).isTrue();
    assertThat(first.get("country").isNull()).isTrue();
    assertThat(err.toString())
        .contains(
            "summary: packets=133 dns_messages=82 queries=41 responses=41 rows=41 matched=41"
                + " unanswered=0 unsolicited=0 malformed=0 fragments_reassembled=0 tcp_messages=0");
  }

  @Test
  void icmpOutGetsTheIcmpRowsInTheSameFormat() throws Exception {
    Path icmpFixture = CAPTURES.resolve("fixtures/icmp-errors-quoting-dns.pcap");
    Path out = dir.resolve("rows.jsonl");
    Path icmp = dir.resolve("icmp.jsonl");
    StringBuilder err = new StringBuilder();
    assertThat(
            run(
                err,
                "decode",
                "--server",
                "ns1",
                "--location",
                "ams",
                "--out",
                out.toString(),
                "--icmp-out",
                icmp.toString(),
                icmpFixture.toString()))
        .isZero();
    assertThat(Files.readAllLines(out)).hasSize(4);
    List<String> lines = Files.readAllLines(icmp);
    assertThat(lines).hasSize(6);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    List<String> schemaFields = new ArrayList<>();
    RowSchema.icmp().avro().getFields().forEach(f -> schemaFields.add(f.name()));
    assertThat(keys).isEqualTo(schemaFields);
    assertThat(lines.get(0))
        .startsWith(
            "{\"time\":1476976981078,\"time_us\":1476976981078132,\"icmp_type\":3,\"icmp_code\":3,")
        .contains("\"orig_dns_id\":59311,\"orig_dns_qr\":true,")
        .contains("\"orig_dns_qname\":\"google.com\"");
    assertThat(err.toString())
        .contains("icmp_messages=7 icmp_rows=6 icmp_quoting_dns=3 icmp_malformed=1");

    Path avro = dir.resolve("icmp.avro");
    assertThat(
            run(
                err,
                "decode",
                "--format",
                "avro",
                "--out",
                dir.resolve("rows.avro").toString(),
                "--icmp-out",
                avro.toString(),
                icmpFixture.toString()))
        .isZero();
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(avro.toFile(), new GenericDatumReader<>())) {
      assertThat(r.getSchema()).isEqualTo(RowSchema.icmp().avro());
      List<String> types = new ArrayList<>();
      r.forEach(g -> types.add(g.get("icmp_type") + "/" + g.get("icmp_code")));
      assertThat(types).containsExactly("3/3", "8/0", "3/4", "11/0", "2/0", "1/4");
    }
  }

  /** The ICMP rows the compaction tests stage are still exactly what decode writes. */
  @Test
  void theCompactionTestsIcmpRowsAreDecodesOutput() throws Exception {
    Path icmp = dir.resolve("icmp-errors-quoting-dns.icmp.jsonl");
    StringBuilder err = new StringBuilder();
    assertThat(
            run(
                err,
                "decode",
                "--server",
                "ns1",
                "--location",
                "ams",
                "--out",
                dir.resolve("dns.jsonl").toString(),
                "--icmp-out",
                icmp.toString(),
                CAPTURES.resolve("fixtures/icmp-errors-quoting-dns.pcap").toString()))
        .isZero();
    assertThat(Files.readString(icmp))
        .isEqualTo(
            Files.readString(
                Path.of(
                    "../oozie-workflows/src/test/resources/icmp/icmp-errors-quoting-dns.icmp.jsonl")));
  }

  @Test
  void withoutIcmpOutIcmpIsNotDecoded() throws Exception {
    Path icmpFixture = CAPTURES.resolve("fixtures/icmp-errors-quoting-dns.pcap");
    StringBuilder err = new StringBuilder();
    assertThat(
            run(err, "decode", "--out", dir.resolve("r.jsonl").toString(), icmpFixture.toString()))
        .isZero();
    assertThat(err.toString()).contains("icmp_messages=0 icmp_rows=0");
  }

  @Test
  void avroAndParquetFilesHoldTheSameRows() throws Exception {
    Path avro = dir.resolve("rows.avro");
    Path parquet = dir.resolve("rows.parquet");
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--format", "avro", "--out", avro.toString(), DNS.toString()))
        .isZero();
    assertThat(
            run(err, "decode", "--format", "parquet", "--out", parquet.toString(), DNS.toString()))
        .isZero();
    List<String> fromAvro = new ArrayList<>();
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(avro.toFile(), new GenericDatumReader<>())) {
      assertThat(r.getSchema()).isEqualTo(RowSchema.get().avro());
      r.forEach(rec -> fromAvro.add(rec.get("event_id") + " " + rec.get("qname")));
    }
    List<String> fromParquet = new ArrayList<>();
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(parquet)).build()) {
      for (GenericRecord rec; (rec = r.read()) != null; ) {
        fromParquet.add(rec.get("event_id") + " " + rec.get("qname"));
      }
    }
    assertThat(fromAvro).hasSize(41).isEqualTo(fromParquet);
  }

  @Test
  void serverAndLocationComeFromTheFolderName() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("ns1.example_ams"));
    Path copy = Files.copy(DNS, folder.resolve("dump.pcap"));
    Path out = dir.resolve("rows.jsonl");
    assertThat(run(new StringBuilder(), "decode", "--out", out.toString(), copy.toString()))
        .isZero();
    JsonNode row = new ObjectMapper().readTree(Files.readAllLines(out).get(0));
    assertThat(row.get("server_location").asText()).isEqualTo("ams");
    assertThat(row.get("pcap_file").asText()).isEqualTo("dump.pcap");
  }

  @Test
  void aFileThatIsNotACaptureFailsAfterTheOthersAreDone() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pcap"), "hello");
    Path out = dir.resolve("rows.jsonl");
    StringBuilder err = new StringBuilder();
    int code =
        run(
            err,
            "decode",
            "--out",
            out.toString(),
            junk.toString(),
            dir.resolve("missing.pcap").toString(),
            DNS.toString());
    assertThat(code).isEqualTo(1);
    assertThat(Files.readAllLines(out)).hasSize(41);
    assertThat(err.toString())
        .contains(junk + ": not a pcap or pcapng capture")
        .contains("missing.pcap: no such file")
        .contains("files_failed=2");
  }

  @Test
  void aCaptureCutShortIsDataNotAnError() throws Exception {
    byte[] whole = Files.readAllBytes(DNS);
    Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, 9000));
    Path out = dir.resolve("rows.jsonl");
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--out", out.toString(), cut.toString())).isZero();
    assertThat(Files.readAllLines(out)).isNotEmpty();
    assertThat(err.toString()).contains("capture ends early").contains("capture_faults=1");
  }

  @Test
  void binaryFormatsNeedAPath() {
    StringBuilder err = new StringBuilder();
    assertThat(run(err, "decode", "--format", "avro", DNS.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--format avro needs --out PATH");
  }

  @Test
  void dnsPortReplacesTheDefault() throws Exception {
    Path capture = CAPTURES.resolve("tcpdump__dns_udp_8053.pcap");
    Path out = dir.resolve("rows.jsonl");
    run(new StringBuilder(), "decode", "--out", out.toString(), capture.toString());
    assertThat(Files.readAllLines(out)).isEmpty();
    run(
        new StringBuilder(),
        "decode",
        "--dns-port",
        "8053",
        "--out",
        out.toString(),
        capture.toString());
    assertThat(Files.readAllLines(out)).hasSize(1);
  }
}
