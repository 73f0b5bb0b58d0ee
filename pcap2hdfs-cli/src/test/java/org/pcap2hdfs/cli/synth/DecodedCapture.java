package org.pcap2hdfs.cli.synth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;

/** A capture held in memory, decoded by the real pipeline: its counters and its rows. */
final class DecodedCapture {
  final DecodeCounters counters;
  final List<Map<String, Object>> rows;

  private DecodedCapture(DecodeCounters counters, List<Map<String, Object>> rows) {
    this.counters = counters;
    this.rows = rows;
  }

  static DecodedCapture of(ByteArrayOutputStream capture) throws Exception {
    return of(capture.toByteArray(), true);
  }

  /** Decodes; keeps the rows only when asked (large captures). */
  static DecodedCapture of(byte[] capture, boolean keepRows) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    StreamDecoder decoder =
        new StreamDecoder(
            DecoderConfig.defaults(),
            "test",
            "lab",
            row -> {
              if (keepRows) {
                rows.add(row.toMap());
              }
            });
    try (CaptureReader reader = Captures.open(new ByteArrayInputStream(capture))) {
      decoder.decode(reader, "test.pcap");
    }
    decoder.finish();
    return new DecodedCapture(decoder.counters(), rows);
  }
}
