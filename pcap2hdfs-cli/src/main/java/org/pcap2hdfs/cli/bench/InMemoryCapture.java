package org.pcap2hdfs.cli.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.Frame;

/**
 * A capture file held in memory, so that a benchmark measures decoding and not the disk. Gzip files
 * are decompressed once on loading (the benchmark is about decoding, not inflating); other
 * compressions stay as they are and are inflated on every pass by {@link Captures}.
 */
public final class InMemoryCapture {
  private final String name;
  private final byte[] bytes;
  private final long frames;
  private final long firstTimestampMicros;
  private final long lastTimestampMicros;

  public InMemoryCapture(String name, byte[] bytes) throws IOException {
    this.name = name;
    this.bytes = bytes;
    long count = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Frame f = new Frame();
    try (CaptureReader r = open()) {
      while (r.next(f)) {
        count++;
        first = Math.min(first, f.timestampMicros);
        last = Math.max(last, f.timestampMicros);
      }
    }
    this.frames = count;
    this.firstTimestampMicros = count == 0 ? 0 : first;
    this.lastTimestampMicros = count == 0 ? 0 : last;
  }

  public static InMemoryCapture load(Path path) throws IOException {
    byte[] raw = Files.readAllBytes(path);
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
        raw = in.readAllBytes();
      }
    }
    return new InMemoryCapture(path.getFileName().toString(), raw);
  }

  /** A reader over the bytes, through the project's own reader (as a file would be read). */
  public CaptureReader open() throws IOException {
    return Captures.open(new ByteArrayInputStream(bytes));
  }

  public String name() {
    return name;
  }

  public long frames() {
    return frames;
  }

  public int size() {
    return bytes.length;
  }

  public long firstTimestampMicros() {
    return firstTimestampMicros;
  }

  public long lastTimestampMicros() {
    return lastTimestampMicros;
  }
}
