package org.pcap2hdfs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.PacketDecoder;
import org.pcap2hdfs.packet.ReassemblyLimits;

/**
 * Every DNS message (UDP payload or reassembled TCP message) of every bundled capture, in order.
 */
public final class BundledMessages {
  private BundledMessages() {}

  /** What receives each message: its capture, its captured bytes and its length on the wire. */
  public interface Visitor {
    void message(Path capture, byte[] bytes, int wireLength);
  }

  public static void forEach(Visitor visitor) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/pcap"))) {
      for (Path capture :
          (Iterable<Path>)
              files.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|pcap\\.gz)$")).sorted()
                  ::iterator) {
        PacketDecoder decoder =
            new PacketDecoder(
                new DnsPorts(List.of(53)),
                (t, data, off, captured, wire) ->
                    visitor.message(capture, Arrays.copyOfRange(data, off, off + captured), wire),
                new DecodeCounters(),
                ReassemblyLimits.defaults());
        try (CaptureReader r = Captures.open(capture)) {
          Frame f = new Frame();
          while (r.next(f)) {
            decoder.decode(f);
          }
        } catch (IOException e) {
          // cut captures end early: what was read is visited
        }
      }
    }
  }
}
