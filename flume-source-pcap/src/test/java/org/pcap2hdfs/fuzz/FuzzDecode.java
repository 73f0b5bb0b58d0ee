package org.pcap2hdfs.fuzz;

import java.io.ByteArrayInputStream;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.NotACaptureException;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;

/**
 * The contract the fuzz targets check: decoding any bytes as a capture either refuses the file
 * ({@link NotACaptureException}), ends it early with a returned {@link CaptureFaultException}, or
 * reads it to its end; malformed packets and messages are only counted. Anything else that escapes
 * (a RuntimeException, an Error such as OutOfMemoryError or StackOverflowError) is a finding.
 */
final class FuzzDecode {
  private FuzzDecode() {}

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
