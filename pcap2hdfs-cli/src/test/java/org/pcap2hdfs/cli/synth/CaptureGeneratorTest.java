package org.pcap2hdfs.cli.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.cli.synth.GeneratorConfig.Mode;
import org.pcap2hdfs.metrics.DecodeCounters;

class CaptureGeneratorTest {

  @TempDir Path dir;

  @Test
  void sameSeedWritesIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
    String first = sha256(generate(10_000, 42, Mode.REALISTIC));
    String second = sha256(generate(10_000, 42, Mode.REALISTIC));
    String otherSeed = sha256(generate(10_000, 43, Mode.REALISTIC));

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void decoderFindsExactlyWhatTheGeneratorSaysItWrote() throws Exception {
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    GroundTruth truth;
    try (CaptureWriter writer = new CaptureWriter(capture)) {
      truth =
          new CaptureGenerator(GeneratorConfig.of(30_000, 7, 20_000, Mode.REALISTIC)).write(writer);
    }
    // The sample must hold every kind of traffic the comparison is about.
    assertThat(truth.tcpConnections).isPositive();
    assertThat(truth.fragmentedDatagrams).isGreaterThan(truth.fragmentedIpv6Datagrams);
    assertThat(truth.fragmentedIpv6Datagrams).isPositive();
    assertThat(truth.truncatedResponses).isPositive();
    assertThat(truth.responsesWithoutQuestion).isPositive();
    assertThat(truth.unanswered).isPositive();
    assertThat(truth.nxdomain).isPositive();

    DecodeCounters c = DecodedCapture.of(capture.toByteArray(), false).counters;

    assertThat(c.packets).isEqualTo(30_000).isEqualTo(truth.packets);
    assertThat(c.dnsMessages).isEqualTo(truth.queries + truth.responses);
    assertThat(c.queries).isEqualTo(truth.queries);
    assertThat(c.responses).isEqualTo(truth.responses);
    assertThat(c.rows).isEqualTo(truth.queries);
    assertThat(c.matched).isEqualTo(truth.responses);
    assertThat(c.unanswered).isEqualTo(truth.unanswered);
    assertThat(c.unsolicited).isZero();
    assertThat(c.malformed).isZero();
    assertThat(c.fragmentsReassembled).isEqualTo(truth.fragmentedDatagrams);
    assertThat(c.fragments).isEqualTo(truth.fragmentFrames);
    assertThat(c.fragmentsDropped).isZero();
    assertThat(c.tcpMessages).isEqualTo(truth.tcpMessages);
    assertThat(c.tcpGaps).isZero();
    assertThat(c.tcpBytesDropped).isZero();
    assertThat(c.evicted).isZero();
  }

  @Test
  void unansweredModeWritesOnlyQueriesThatAllBecomeUnansweredRows() throws Exception {
    ByteArrayOutputStream capture = new ByteArrayOutputStream();
    GroundTruth truth;
    try (CaptureWriter writer = new CaptureWriter(capture)) {
      truth =
          new CaptureGenerator(GeneratorConfig.of(5_000, 3, 100_000, Mode.UNANSWERED))
              .write(writer);
    }

    DecodeCounters c = DecodedCapture.of(capture.toByteArray(), false).counters;

    assertThat(truth.queries).isEqualTo(5_000);
    assertThat(truth.unanswered).isEqualTo(5_000);
    assertThat(c.queries).isEqualTo(5_000);
    assertThat(c.responses).isZero();
    assertThat(c.rows).isEqualTo(5_000);
    assertThat(c.unanswered).isEqualTo(5_000);
  }

  @Test
  void gzipFileHoldsTheSameCaptureAsTheUncompressedOne() throws Exception {
    Path gz = dir.resolve("g.pcap.gz");
    GroundTruth truth =
        new CaptureGenerator(GeneratorConfig.of(2_000, 42, 20_000, Mode.REALISTIC)).write(gz, true);

    byte[] inflated;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      inflated = in.readAllBytes();
    }

    assertThat(inflated).isEqualTo(generate(2_000, 42, Mode.REALISTIC));
    assertThat(truth.bytes).isEqualTo(inflated.length - 24);
  }

  private static byte[] generate(long packets, long seed, Mode mode) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter writer = new CaptureWriter(out)) {
      new CaptureGenerator(GeneratorConfig.of(packets, seed, 20_000, mode)).write(writer);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return String.format(
        "%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(b)));
  }
}
