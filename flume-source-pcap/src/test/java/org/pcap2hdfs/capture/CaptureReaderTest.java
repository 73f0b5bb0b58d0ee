package org.pcap2hdfs.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.PcapFile;
import org.pcap2hdfs.testing.PcapNgFile;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class CaptureReaderTest {
  private static final long T0 = 1_700_000_000_123_456L;

  @ParameterizedTest
  @CsvSource({"LITTLE_ENDIAN,false", "BIG_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,true"})
  void classicPcapInEveryByteOrderAndResolution(String order, boolean nanos) throws Exception {
    ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] file =
        new PcapFile(LinkTypes.ETHERNET, bo, nanos)
            .add(T0, new byte[] {1, 2, 3})
            .add(T0 + 1, new byte[60], 1514)
            .bytes();
    List<Frame> frames = readAll(file);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).timestampMicros).isEqualTo(T0);
    assertThat(frames.get(0).capturedLength).isEqualTo(3);
    assertThat(frames.get(0).linkType).isEqualTo(LinkTypes.ETHERNET);
    assertThat(frames.get(1).timestampMicros).isEqualTo(T0 + 1);
    assertThat(frames.get(1).originalLength).isEqualTo(1514);
    assertThat(frames.get(1).isTruncated()).isTrue();
    try (CaptureReader r = Captures.open(new ByteArrayInputStream(file))) {
      assertThat(r.format()).isEqualTo(nanos ? "pcap-ns" : "pcap");
    }
  }

  @ParameterizedTest
  @CsvSource({"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void pcapngInterfacesResolutionsAndUnknownBlocks(String order) throws Exception {
    ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] file =
        new PcapNgFile()
            .section(bo)
            .iface(LinkTypes.ETHERNET, -1) // microseconds
            .iface(LinkTypes.RAW, 9) // nanoseconds
            .block(0x0BAD, new byte[] {9, 9, 9, 9}) // unknown: skipped
            .packet(0, T0, new byte[] {1})
            .packet(1, T0 * 1000 + 789, new byte[] {2, 2})
            .simplePacket(new byte[] {3, 3, 3})
            .bytes();
    List<Frame> frames = readAll(file);
    assertThat(frames).hasSize(3);
    assertThat(frames.get(0).linkType).isEqualTo(LinkTypes.ETHERNET);
    assertThat(frames.get(0).timestampMicros).isEqualTo(T0);
    assertThat(frames.get(1).linkType).isEqualTo(LinkTypes.RAW);
    assertThat(frames.get(1).timestampMicros).isEqualTo(T0);
    assertThat(frames.get(1).capturedLength).isEqualTo(2);
    assertThat(frames.get(2).capturedLength).isEqualTo(3);
    assertThat(frames.get(2).linkType).isEqualTo(LinkTypes.ETHERNET);
  }

  @Test
  void pcapngSectionsMayChangeByteOrder() throws Exception {
    byte[] file =
        new PcapNgFile()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(LinkTypes.ETHERNET, -1)
            .packet(0, T0, new byte[] {1})
            .section(ByteOrder.BIG_ENDIAN)
            .iface(LinkTypes.LINUX_SLL, 6)
            .packet(0, T0 + 5, new byte[] {2})
            .bytes();
    List<Frame> frames = readAll(file);
    assertThat(frames).extracting(f -> f.linkType).containsExactly(1, LinkTypes.LINUX_SLL);
    assertThat(frames).extracting(f -> f.timestampMicros).containsExactly(T0, T0 + 5);
  }

  @Test
  void compressionIsDetectedByMagicNotByName() throws Exception {
    byte[] pcap = Files.readAllBytes(Decoded.resource("dnscap__dns.pcap"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(pcap);
    }
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (XZOutputStream out = new XZOutputStream(xz, new LZMA2Options())) {
      out.write(pcap);
    }
    ByteArrayOutputStream bz = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bz)) {
      out.write(pcap);
    }
    for (byte[] compressed : List.of(gz.toByteArray(), xz.toByteArray(), bz.toByteArray())) {
      Decoded d = Decoded.bytes("capture.pcap", compressed);
      assertThat(d.rows).hasSize(41);
      assertThat(d.faults).isEmpty();
    }
  }

  @Test
  void framesCutBySnaplenAreDecodedAsFarAsTheyGoAndCounted() throws Exception {
    Decoded d = Decoded.files(Decoded.resource("dpkt__truncated_dns.pcap"));
    assertThat(d.counters.truncatedFrames).isEqualTo(1);
    Object resLen = d.only().get("res_len");
    assertThat(resLen).as("the response's length on the wire, not what was captured").isNotNull();
    assertThat(d.only().get("qname")).isNotNull();
  }

  private static List<Frame> readAll(byte[] file) throws Exception {
    List<Frame> frames = new ArrayList<>();
    try (CaptureReader r = Captures.open(new ByteArrayInputStream(file))) {
      Frame f = new Frame();
      while (r.next(f)) {
        Frame copy = new Frame();
        copy.timestampMicros = f.timestampMicros;
        copy.linkType = f.linkType;
        copy.capturedLength = f.capturedLength;
        copy.originalLength = f.originalLength;
        frames.add(copy);
      }
    }
    return frames;
  }
}
