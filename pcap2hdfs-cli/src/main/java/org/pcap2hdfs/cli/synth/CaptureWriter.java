package org.pcap2hdfs.cli.synth;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a classic little-endian pcap file (microsecond timestamps, Ethernet link type), streaming:
 * frames go to disk as they come, whatever the size of the capture.
 */
public final class CaptureWriter implements FrameSink, Closeable {
  public static final int LINKTYPE_ETHERNET = 1;
  private static final int SNAPLEN = 262_144;

  private final OutputStream out;
  private final byte[] header = new byte[16];
  private long frames;
  private long bytes;
  private long lastTimestamp = Long.MIN_VALUE;

  /** Writes the global header to {@code out}; the writer owns the stream from now on. */
  public CaptureWriter(OutputStream out) throws IOException {
    this.out = new BufferedOutputStream(out, 1 << 20);
    byte[] g = new byte[24];
    putInt(g, 0, 0xA1B2C3D4);
    putShort(g, 4, 2);
    putShort(g, 6, 4);
    putInt(g, 16, SNAPLEN);
    putInt(g, 20, LINKTYPE_ETHERNET);
    this.out.write(g);
    bytes = g.length;
  }

  /** A capture file at {@code path}, gzip-compressed when asked (GZIP headers carry no time). */
  public static CaptureWriter create(Path path, boolean gzip) throws IOException {
    OutputStream file = Files.newOutputStream(path);
    try {
      return new CaptureWriter(gzip ? new GZIPOutputStream(file, 1 << 16) : file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public void frame(long timestampMicros, byte[] data, int offset, int length) throws IOException {
    if (timestampMicros < lastTimestamp) {
      throw new IllegalStateException(
          "frames out of time order: " + timestampMicros + " after " + lastTimestamp);
    }
    lastTimestamp = timestampMicros;
    putInt(header, 0, (int) (timestampMicros / 1_000_000));
    putInt(header, 4, (int) (timestampMicros % 1_000_000));
    putInt(header, 8, length);
    putInt(header, 12, length);
    out.write(header);
    out.write(data, offset, length);
    frames++;
    bytes += 16 + length;
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  /** Bytes of the (uncompressed) capture written so far. */
  public long bytes() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }

  private static void putShort(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
  }
}
