package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.FlumeAgent;
import org.pcap2hdfs.testing.MiniHdfs;
import org.pcap2hdfs.testing.Staged;
import org.pcap2hdfs.testing.Waits;

/**
 * The agent of {@code conf/flume/pcap-icmp-to-hdfs.properties} on a MiniDFSCluster: DNS rows staged
 * under the staging root, ICMP rows (routed by {@code rowkind=icmp}) under their own, each in files
 * of their own schema, equal to decode's rows.
 */
class IcmpAgentHdfsTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Path FIXTURE = Decoded.resource("fixtures/icmp-errors-quoting-dns.pcap");
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

  private static List<GenericRecord> decodeIcmp(Path file) throws Exception {
    List<GenericRecord> out = new ArrayList<>();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(RowSchema.icmp().avro());
    ByteSink b = new ByteSink(256);
    StreamDecoder d = new StreamDecoder(DecoderConfig.defaults(), "ns1", "ams", r -> {});
    d.enableIcmp(
        "ns1",
        "ams",
        r -> {
          b.reset();
          AvroRowCodec.encode(r, b);
          out.add(reader.read(null, DecoderFactory.get().binaryDecoder(b.toByteArray(), null)));
        });
    d.decode(file, file.getFileName().toString());
    d.finish();
    return out;
  }

  @Test
  void dnsAndIcmpRowsAreStagedApartInFilesOfTheirSchema() throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path capture =
        Files.copy(FIXTURE, Files.createDirectories(spool.resolve("ns1_ams")).resolve("icmp.pcap"));
    List<GenericRecord> expectedDns = DecodedRows.of("ns1", "ams", capture).records();
    List<GenericRecord> expectedIcmp = decodeIcmp(capture);
    assertThat(expectedIcmp).hasSize(6);

    Map<String, String> v = new HashMap<>();
    v.put("SPOOL_DIR", spool.toString());
    v.put("MIN_FILE_AGE_MS", "0");
    v.put("CHANNEL_DIR", work.resolve("channel").toString());
    v.put("STAGING_URI", hdfs.uri() + "/staging");
    v.put("ICMP_STAGING_URI", hdfs.uri() + "/staging-icmp");
    v.put(
        "SCHEMA_URL",
        Files.writeString(work.resolve("dns_query.avsc"), RowSchema.get().json())
            .toUri()
            .toString());
    v.put(
        "ICMP_SCHEMA_URL",
        Files.writeString(work.resolve("icmp_message.avsc"), RowSchema.icmp().json())
            .toUri()
            .toString());
    v.put("FILE_PREFIX", "agent1");
    v.put("IDLE_TIMEOUT_S", "1");
    Map<String, String> overrides = Map.of("a1.sources.pcap.idleFlushMs", "500");
    try (FlumeAgent agent =
        FlumeAgent.start(
            FlumeAgent.conf("flume/pcap-icmp-to-hdfs.properties"), "a1", v, overrides, work)) {
      Waits.until(
          WAIT,
          "every row staged",
          () ->
              staged("/staging").size() >= expectedDns.size()
                  && staged("/staging-icmp").size() >= expectedIcmp.size());
      assertThat(((PcapSpoolingSource) agent.source("pcap")).counter().getIcmpRowsAccepted())
          .isEqualTo(6);
    }
    List<Staged.Record> dns = staged("/staging");
    List<Staged.Record> icmp = staged("/staging-icmp");
    assertThat(dns)
        .allSatisfy(r -> assertThat(r.row.getSchema()).isEqualTo(RowSchema.get().avro()));
    assertThat(icmp)
        .allSatisfy(r -> assertThat(r.row.getSchema()).isEqualTo(RowSchema.icmp().avro()));
    Staged.assertSameRows(Staged.rows(dns), expectedDns);
    Staged.assertSameRows(Staged.rows(icmp), expectedIcmp);
    assertThat(icmp)
        .extracting(r -> r.partition)
        .containsOnly(
            "year=2016/month=10/day=20/server=ns1", "year=2018/month=11/day=27/server=ns1");
  }

  private static List<Staged.Record> staged(String root) {
    try {
      return Staged.read(fs, new org.apache.hadoop.fs.Path(root));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
