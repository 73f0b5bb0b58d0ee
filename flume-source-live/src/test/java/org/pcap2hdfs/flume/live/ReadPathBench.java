package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.xbill.DNS.Type;

/**
 * The Java side of the per-packet read (not a unit test; run by name): pcap_next_ex through pcap4j
 * against our direct JNA binding, both on the same savefile, so that no network is involved.
 */
class ReadPathBench {
  private static final int PACKETS = 1_000_000;

  @TempDir Path dir;

  @Test
  void perPacketCost() throws Exception {
    Path file = dir.resolve("bench.pcap");
    byte[] frame =
        Packets.ethernet(
            Packets.ipv4(
                "192.0.2.1",
                "192.0.2.53",
                17,
                Packets.udp(40000, 53, Dns.query(1, "www.example.test", Type.A).toWire())));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
      h.putInt(65535).putInt(1);
      out.write(h.array());
      ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < PACKETS; i++) {
        r.clear();
        r.putInt(1_765_000_000 + i / 100_000).putInt(i % 100_000 * 10);
        r.putInt(frame.length).putInt(frame.length);
        out.write(r.array());
        out.write(frame);
      }
    }
    StringBuilder report = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      report.append(String.format("pcap4j %.0f ns/packet, ", pcap4j(file)));
      report.append(String.format("direct JNA %.0f ns/packet%n", direct(file)));
    }
    System.out.print(report);
    Files.writeString(Path.of("target/read-path.txt"), report);
  }

  private static double pcap4j(Path file) throws Exception {
    long start = System.nanoTime();
    long n = 0;
    long sum = 0;
    try (PcapHandle h = Pcaps.openOffline(file.toString())) {
      while (true) {
        byte[] b;
        try {
          b = h.getNextRawPacketEx();
        } catch (java.io.EOFException e) {
          break;
        }
        sum += h.getTimestamp().getNanos() + h.getOriginalLength() + b.length;
        n++;
      }
    }
    assertThat(n).isEqualTo(PACKETS);
    assertThat(sum).isNotZero(); // keeps the reads from being optimised away
    return (System.nanoTime() - start) / (double) n;
  }

  private static double direct(Path file) throws Exception {
    long start = System.nanoTime();
    long n = 0;
    long sum = 0;
    CaptureSegment segment = new CaptureSegment("bench", 1);
    try (NativeCapture c = NativeCapture.openOffline(file.toString())) {
      while (true) {
        CapturedPacket p;
        try {
          p = c.next(segment);
        } catch (java.io.IOException end) {
          break;
        }
        sum += p.timestampMicros + p.originalLength + p.data.length;
        n++;
      }
    }
    assertThat(n).isEqualTo(PACKETS);
    assertThat(sum).isNotZero(); // keeps the reads from being optimised away
    return (System.nanoTime() - start) / (double) n;
  }
}
