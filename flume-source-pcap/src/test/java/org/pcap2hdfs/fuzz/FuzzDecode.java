package org.pcap2hdfs.fuzz;

import java.io.ByteArrayInputStream;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.NotACaptureException;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.LinkTypes;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;

/**
 * The contract the fuzz targets check: decoding any bytes as a capture either refuses the file
 * ({@link NotACaptureException}), ends it early with a returned {@link CaptureFaultException}, or
 * reads it to its end; malformed packets and messages are only counted. Anything else that escapes
 * (a RuntimeException, an Error such as OutOfMemoryError or StackOverflowError) is a finding.
 */
final class FuzzDecode {
  private FuzzDecode() {}

  static {
    // One decode at class load, outside the fuzzer's per-input timeout: it loads the public suffix
    // list and the decoder's classes, which on a busy machine can take longer than one input may.
    byte[] query = {
      0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c',
      'o', 'm', 0, 0, 1, 0, 1
    };
    byte[] response = query.clone();
    response[2] = (byte) 0x81;
    long t = 1_700_000_000_000_000L;
    byte[] pcap =
        new PcapFile(LinkTypes.ETHERNET)
            .add(
                t,
                Packets.ethernet(
                    Packets.ipv4("192.0.2.1", "192.0.2.53", 17, Packets.udp(40000, 53, query))))
            .add(
                t + 1000,
                Packets.ethernet(
                    Packets.ipv4("192.0.2.53", "192.0.2.1", 17, Packets.udp(53, 40000, response))))
            .bytes();
    try {
      if (capture(pcap).matched != 1) {
        throw new IllegalStateException("the warm-up query was not matched");
      }
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Runs the class's static warm-up (call it from a fuzz test's static initializer). */
  static void warmUp() {}

  /** Decodes {@code capture} as one file of a stream, encoding every row as the source does. */
  static DecodeCounters capture(byte[] capture) throws Exception {
    ByteSink avro = new ByteSink(1024);
    StreamDecoder decoder =
        new StreamDecoder(
            DecoderConfig.defaults(),
            "ns1",
            "fuzz",
            row -> {
              avro.reset();
              AvroRowCodec.encode(row, avro);
            });
    CaptureReader reader;
    try {
      reader = Captures.open(new ByteArrayInputStream(capture));
    } catch (NotACaptureException e) {
      return null; // refused before any record: the documented outcome for a non-capture
    }
    try (reader) {
      CaptureFaultException fault = decoder.decode(reader, "fuzz.pcap");
      if (fault != null && fault.position() < 0) {
        throw new AssertionError("fault without a position", fault);
      }
    }
    decoder.finish();
    DecodeCounters counters = decoder.counters();
    if (counters.pendingQueries != 0) {
      throw new AssertionError(counters.pendingQueries + " queries still pending after finish()");
    }
    return counters;
  }
}
