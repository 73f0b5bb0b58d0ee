package org.pcap2hdfs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.capture.NotACaptureException;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZOutputStream;

/**
 * What fuzzing found, each with its input (kept in {@code CaptureFuzzTestInputs/decode}, where
 * {@code ./mvnw verify} also replays it through the fuzz target) and the outcome it must have.
 */
class FuzzFindingsTest {
  private static final String INPUTS = "CaptureFuzzTestInputs/decode/";

  private static byte[] input(String name) throws Exception {
    try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(INPUTS + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** commons-compress reports a bad bzip2 block CRC with a plain IOException: it escaped open(). */
  @Test
  void bzip2CrcErrorAtTheStartIsNotACapture() throws Exception {
    byte[] data = input("crash-fef676d081aed09cb3a47ae314f2ea8a686a6510");
    assertThatThrownBy(() -> Decoded.bytes("x.pcap.bz2", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken")
        .hasMessageContaining("BZip2 CRC error");
  }

  /** Likewise "Stream corrupted" for a bzip2 block header that makes no sense. */
  @Test
  void bzip2CorruptBlockAtTheStartIsNotACapture() throws Exception {
    byte[] data = input("crash-6cf9e431dae898c91e9f7d197b87c8b3a1fcaed4");
    assertThatThrownBy(() -> Decoded.bytes("x.pcap.bz2", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken")
        .hasMessageContaining("Stream corrupted");
  }

  /**
   * A gzip stream whose corrupt trailer comes before the 24 bytes of the pcap header: a
   * CaptureFaultException (a fault "after the header") escaped open() instead of a refusal.
   */
  @Test
  void gzipBrokenInsideTheFileHeaderIsNotACapture() throws Exception {
    byte[] data = input("crash-22ba5433515c4c5ba971a8e6ab291749b96d7266");
    assertThatThrownBy(() -> Decoded.bytes("x.pcap.gz", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken in the capture header")
        .hasMessageContaining("Corrupt GZIP trailer");
  }

  /** "Bad block header": another plain IOException of the bzip2 decoder. */
  @Test
  void bzip2BadBlockHeaderAtTheStartIsNotACapture() throws Exception {
    byte[] data = input("crash-e05dd8e22304cec04723ec6aeca8de8ba384d086");
    assertThatThrownBy(() -> Decoded.bytes("x.pcap.bz2", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken")
        .hasMessageContaining("Bad block header");
  }

  /**
   * commons-compress' bzip2 decoder fails on some corrupt Huffman tables with an
   * ArrayIndexOutOfBoundsException, which escaped Captures.open.
   */
  @Test
  void bzip2DecoderIndexOutOfBoundsIsNotACapture() throws Exception {
    byte[] data = input("crash-2ac06a8d9d3abbe7f5a6a4236e87adb71bdfcdb5");
    assertThatThrownBy(() -> Decoded.bytes("x.pcap.bz2", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken")
        .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
  }

  /** A compressed stream that ends inside the pcap header: refused, not a fault escaping open(). */
  @Test
  void compressedStreamEndingInsideTheFileHeaderIsNotACapture() throws Exception {
    for (String name :
        new String[] {
          "crash-a10710876d8fcc79e55808a13adfe4882e04d823",
          "crash-bad5052d753832729d73d144825209f71cd42076",
          "crash-e0b61c41e0bede3cb4d53637f660cb5c4ab815d0"
        }) {
      byte[] data = input(name);
      assertThatThrownBy(() -> Decoded.bytes("x.pcap.gz", data))
          .as(name)
          .isInstanceOf(NotACaptureException.class)
          .hasMessageContaining("compressed stream is broken in the capture header")
          .hasMessageContaining("compressed stream ends early");
    }
  }

  /**
   * Past the read window, the same bzip2 corruption is a fault of the capture: the rows before it
   * stay and the fault is returned and counted, not thrown.
   */
  @Test
  void bzip2CorruptionLaterInTheFileIsACaptureFault() throws Exception {
    long t0 = 1_700_000_000_000_000L;
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    for (int i = 0; i < 12_000; i++) {
      byte[] query = Dns.query(i & 0xFFFF, "q" + i + ".example.com", 1).toWire();
      pcap.add(
          t0 + i * 1000L,
          Packets.ethernet(
              Packets.ipv4("192.0.2.1", "192.0.2.53", 17, Packets.udp(40000, 53, query))));
    }
    byte[] plain = pcap.bytes();
    assertThat(plain.length).isGreaterThan(1 << 20); // more than the reader's first window
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(packed, 1)) {
      bz.write(plain);
    }
    byte[] data = packed.toByteArray();
    data[data.length - 200] ^= 0x55; // inside the last 100 kB block

    Decoded d = Decoded.bytes("x.pcap.bz2", data);
    assertThat(d.faults).hasSize(1);
    assertThat(d.faults.get(0)).hasMessageContaining("corrupt compressed stream");
    assertThat(d.counters.captureFaults).isEqualTo(1);
    assertThat(d.rows).hasSizeGreaterThan(8_000);
  }

  /**
   * Not found by fuzzing (the xz block header carries a CRC32 the fuzzer does not forge), but the
   * same contract: an xz header naming a 1.5 GiB dictionary made the decoder allocate it.
   */
  @Test
  void xzHeaderAskingForAHugeDictionaryIsRefused() throws Exception {
    PcapFile pcap = new PcapFile(LinkTypes.ETHERNET);
    byte[] query = Dns.query(1, "example.com", 1).toWire();
    pcap.add(
        1_700_000_000_000_000L,
        Packets.ethernet(
            Packets.ipv4("192.0.2.1", "192.0.2.53", 17, Packets.udp(40000, 53, query))));
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(packed, new LZMA2Options(0))) {
      xz.write(pcap.bytes());
    }
    byte[] data = packed.toByteArray();
    // The block header follows the 12-byte stream header: size byte, flags, then the LZMA2 filter
    // (id 0x21, one property byte: the dictionary size code), padding and the header's CRC32.
    int header = 12;
    int size = ((data[header] & 0xFF) + 1) * 4;
    assertThat(data[header + 2]).isEqualTo((byte) 0x21);
    assertThat(data[header + 3]).isEqualTo((byte) 0x01);
    data[header + 4] = 37; // 1.5 GiB
    CRC32 crc = new CRC32();
    crc.update(data, header, size - 4);
    ByteBuffer.wrap(data, header + size - 4, 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) crc.getValue());

    assertThatThrownBy(() -> Decoded.bytes("x.pcap.xz", data))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining("compressed stream is broken")
        .hasRootCauseInstanceOf(MemoryLimitException.class);
  }
}
