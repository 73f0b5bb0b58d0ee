package org.pcap2hdfs.testing;

import java.nio.file.Path;
import java.util.Arrays;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.Frame;

/** Cuts and repeats captures to build spool directories. */
public final class Captures2 {
  private Captures2() {}

  /** Splits a capture into pcap files of the given frame counts (the last takes the rest). */
  public static Path[] split(Path capture, Path dir, String prefix, int... sizes) throws Exception {
    PcapFile[] parts = new PcapFile[sizes.length + 1];
    try (CaptureReader r = Captures.open(capture)) {
      Frame f = new Frame();
      int n = 0;
      int part = 0;
      int limit = sizes.length > 0 ? sizes[0] : Integer.MAX_VALUE;
      while (r.next(f)) {
        if (n == limit && part < sizes.length) {
          part++;
          n = 0;
          limit = part < sizes.length ? sizes[part] : Integer.MAX_VALUE;
        }
        if (parts[part] == null) {
          parts[part] = new PcapFile(f.linkType);
        }
        parts[part].add(
            f.timestampMicros,
            Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength),
            f.originalLength);
        n++;
      }
    }
    Path[] out = new Path[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parts[i].write(dir.resolve(String.format("%s-%02d.pcap", prefix, i + 1)));
    }
    return out;
  }
}
