package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.capture.NotACaptureException;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.pcap2hdfs.testing.PcapNgFile;

/**
 * Bad input is normal input: a file that is not a capture gives a clear error before any row; a
 * capture that breaks later keeps the rows before the fault and counts the fault; a malformed DNS
 * message is counted and, when its header and question can be trusted, still joined.
 */
class BadInputTest {
  private static final long T0 = 1_700_000_000_000_000L;

  @TempDir Path dir;

  @Test
  void notACapture() throws Exception {
    Path f = Files.writeString(dir.resolve("notes.pcap"), "these are not the packets you want\n");
    assertThatThrownBy(() -> Decoded.files(f))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("not a pcap or pcapng capture");
  }

  @Test
  void emptyFile() throws Exception {
    Path f = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    assertThatThrownBy(() -> Decoded.files(f))
        .isInstanceOf(NotACaptureException.class)
        .hasMessage("empty file");
  }

  @Test
  void truncatedGlobalHeader() throws Exception {
    byte[] header = Arrays.copyOf(new PcapFile(LinkTypes.ETHERNET).bytes(), 10);
    Path f = Files.write(dir.resolve("short.pcap"), header);
    assertThatThrownBy(() -> Decoded.files(f))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("truncated pcap global header (10 of 24 bytes)");
  }

  @Test
  void cutInTheMiddleOfARecordKeepsTheRowsBefore() throws Exception {
    byte[] whole = Files.readAllBytes(Decoded.resource("dnscap__dns.pcap"));
    Path f = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length / 2 + 7));
    Decoded d = Decoded.files(f);
    assertThat(d.faults)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("cut inside a record"));
    assertThat(d.counters.captureFaults).isEqualTo(1);
    assertThat(d.rows).hasSizeBetween(15, 25);
    assertThat(d.rows).allSatisfy(r -> assertThat(r.get("qname")).isNotNull());
  }

  @Test
  void recordClaimingTwoGigabytes() throws Exception {
    byte[] whole = Files.readAllBytes(Decoded.resource("dnscap__dns.pcap"));
    ByteBuffer bad = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    bad.putInt(1).putInt(0).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(whole);
    out.writeBytes(bad.array());
    out.writeBytes(new byte[100]);
    Decoded d = Decoded.bytes("huge.pcap", out.toByteArray());
    assertThat(d.faults)
        .singleElement()
        .satisfies(
            e -> assertThat(e).hasMessageContaining("record claims 2147483647 captured bytes"));
    assertThat(d.rows).hasSize(41);
  }

  @Test
  void corruptGzipStreamKeepsTheRowsBefore() throws Exception {
    byte[] pcap = Files.readAllBytes(Decoded.resource("generated__knot-example.ca-geo.pcap.gz"));
    byte[] broken = pcap.clone();
    for (int i = broken.length * 3 / 4; i < broken.length * 3 / 4 + 64; i++) {
      broken[i] ^= 0x5A;
    }
    Decoded d = Decoded.bytes("broken.pcap.gz", broken);
    // Inflating garbage may yield garbage bytes before the checksum catches it: the fault is the
    // decompressor's or the reader's, whichever sees it first.
    assertThat(d.faults)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("compressed stream", "record claims", "cut inside"));
    assertThat(d.rows.size()).isBetween(10_000, 24_843);
  }

  @Test
  void gzipStreamEndingEarlyIsAFaultNotAnError() throws Exception {
    byte[] gz = gzip(Files.readAllBytes(Decoded.resource("dnscap__dns.pcap")));
    Decoded d = Decoded.bytes("early.pcap.gz", Arrays.copyOf(gz, gz.length - 100));
    assertThat(d.faults)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("ends early"));
    assertThat(d.rows).isNotEmpty();
  }

  @Test
  void gzipBrokenFromItsStartIsNotACapture() throws Exception {
    byte[] gz = gzip(Files.readAllBytes(Decoded.resource("dnscap__dns.pcap")));
    for (int i = 10; i < 40; i++) {
      gz[i] = (byte) 0xFF;
    }
    Path f = Files.write(dir.resolve("broken.pcap.gz"), gz);
    assertThatThrownBy(() -> Decoded.files(f))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken");
  }

  @Test
  void pcapngWithAnUnknownBlockBetweenPackets() throws Exception {
    byte[] query = Dns.query(7, "example.ca", 1).toWire();
    byte[] frame =
        Packets.ethernet(Packets.ipv4("192.0.2.1", "192.0.2.53", 17, Packets.udp(5000, 53, query)));
    byte[] file =
        new PcapNgFile()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(LinkTypes.ETHERNET, -1)
            .block(0x40000BAD, new byte[40])
            .packet(0, T0, frame)
            .bytes();
    Decoded d = Decoded.bytes("unknown-block.pcapng", file);
    assertThat(d.only().get("qname")).isEqualTo("example.ca");
    assertThat(d.only().get("rcode")).isEqualTo(-1);
  }

  @Test
  void compressionPointerLoopIsMalformedButTheHeaderJoins() throws Exception {
    // Question name: label "a" then a pointer back to offset 12, where "a" starts again.
    byte[] query = dnsHeader(0x1234, 0x0100, 1, new byte[] {1, 'a', (byte) 0xC0, 12, 0, 1, 0, 1});
    byte[] response = Dns.responseWithoutQuestion(0x1234, 1, false).toWire();
    Decoded d = decodeUdp(query, response);
    Map<String, Object> row = d.only();
    assertThat(d.counters.malformed).isEqualTo(1);
    assertThat(row.get("malformed")).isEqualTo(true);
    assertThat(row.get("qname")).isNull();
    assertThat(row.get("rcode")).as("FORMERR joined on ip/port/id").isEqualTo(1);
  }

  @Test
  void labelLongerThan63() throws Exception {
    byte[] name = new byte[66];
    name[0] = 64; // 0b01000000: not a length, an (obsolete) extended label type
    byte[] query = dnsHeader(0x4321, 0x0100, 1, name);
    Decoded d = decodeUdp(query, null);
    assertThat(d.counters.malformed).isEqualTo(1);
    assertThat(d.only().get("malformed")).isEqualTo(true);
    assertThat(d.only().get("id")).isEqualTo(0x4321);
  }

  @Test
  void messageShorterThanItsHeader() throws Exception {
    byte[] good = Dns.query(9, "example.ca", 1).toWire();
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(T0, udpFrame("192.0.2.1", 6000, "192.0.2.53", 53, new byte[] {1, 2, 3, 4, 5}));
    pcap.add(T0 + 10, udpFrame("192.0.2.1", 6001, "192.0.2.53", 53, good));
    Decoded d = Decoded.bytes("short-dns.pcap", pcap.bytes());
    assertThat(d.counters.malformed).isEqualTo(1);
    assertThat(d.counters.dnsMessages).isEqualTo(2);
    assertThat(d.only().get("id")).isEqualTo(9);
  }

  private static byte[] dnsHeader(int id, int flags, int qdcount, byte[] rest) {
    ByteBuffer b = ByteBuffer.allocate(12 + rest.length);
    b.putShort((short) id).putShort((short) flags).putShort((short) qdcount);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0).put(rest);
    return b.array();
  }

  private static Decoded decodeUdp(byte[] query, byte[] response) throws Exception {
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    pcap.add(T0, udpFrame("198.51.100.7", 40000, "192.0.2.53", 53, query));
    if (response != null) {
      pcap.add(T0 + 250, udpFrame("192.0.2.53", 53, "198.51.100.7", 40000, response));
    }
    return Decoded.bytes("case.pcap", pcap.bytes());
  }

  static byte[] udpFrame(String src, int sport, String dst, int dport, byte[] dns) {
    return Packets.ethernet(Packets.ipv4(src, dst, 17, Packets.udp(sport, dport, dns)));
  }

  private static byte[] gzip(byte[] b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  static String ascii(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
