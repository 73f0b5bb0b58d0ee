package org.pcap2hdfs.testing;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;

/** Rows and counters of decoding captures as one stream, for assertions. */
public final class Decoded {
  public final List<Map<String, Object>> rows = new ArrayList<>();
  public final List<CaptureFaultException> faults = new ArrayList<>();
  public DecodeCounters counters;

  public static Decoded files(Path... files) throws Exception {
    return files(DecoderConfig.defaults(), files);
  }

  public static Decoded files(DecoderConfig config, Path... files) throws Exception {
    Decoded d = new Decoded();
    StreamDecoder decoder =
        new StreamDecoder(config, "ns1", "test", row -> d.rows.add(row.toMap()));
    for (Path f : files) {
      CaptureFaultException fault = decoder.decode(f, f.getFileName().toString());
      if (fault != null) {
        d.faults.add(fault);
      }
    }
    decoder.finish();
    d.counters = decoder.counters();
    return d;
  }

  /** Decodes capture bytes held in memory as a file named {@code name}. */
  public static Decoded bytes(String name, byte[] capture) throws Exception {
    Decoded d = new Decoded();
    StreamDecoder decoder =
        new StreamDecoder(DecoderConfig.defaults(), "ns1", "test", row -> d.rows.add(row.toMap()));
    CaptureFaultException fault =
        decoder.decode(Captures.open(new ByteArrayInputStream(capture)), name);
    if (fault != null) {
      d.faults.add(fault);
    }
    decoder.finish();
    d.counters = decoder.counters();
    return d;
  }

  /** A test resource under {@code src/test/resources/pcap}. */
  public static Path resource(String name) {
    Path p = Path.of("src/test/resources/pcap", name);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("missing test capture " + p.toAbsolutePath());
    }
    return p;
  }

  public Map<String, Object> only() {
    if (rows.size() != 1) {
      throw new AssertionError("expected one row, got " + rows.size() + ": " + rows);
    }
    return rows.get(0);
  }
}
