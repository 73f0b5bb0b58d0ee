package org.pcap2hdfs.capture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens capture files: detects gzip, xz and bzip2 compression and then pcap or pcapng by their
 * magic bytes, never by the file name.
 */
public final class Captures {
  /** Read window; records are handed out as slices of it. */
  static final int BUFFER_SIZE = 1 << 20;

  /**
   * What an xz stream may ask for to be decoded: its header names the dictionary size, up to 3 GiB,
   * and the decoder allocates it. {@code xz -9} needs 65 MiB; a corrupt or hostile header asking
   * for more is refused (MemoryLimitException, a decompressor fault) instead of exhausting the
   * heap.
   */
  static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

  private Captures() {}

  /**
   * Opens a capture.
   *
   * @throws NotACaptureException when the file is empty, not a capture, or its compressed stream is
   *     broken from the start
   * @throws IOException when the file cannot be opened
   */
  public static CaptureReader open(Path path) throws IOException {
    InputStream raw;
    try {
      raw = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    try {
      return open(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Opens a capture from a stream; the reader closes it. */
  public static CaptureReader open(InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    InputStream stream = decompress(buffered);
    InputBuffer in = new InputBuffer(stream, BUFFER_SIZE, stream != buffered);
    try {
      in.ensure(4);
    } catch (CaptureFaultException e) {
      throw new NotACaptureException(
          "compressed stream is broken: " + e.getCause().getMessage(), e);
    }
    if (in.available() == 0) {
      throw new NotACaptureException("empty file");
    }
    if (in.available() < 4) {
      throw new NotACaptureException("truncated capture header (" + in.available() + " bytes)");
    }
    int magic = Bytes.int32(in.buf, in.pos, true);
    int swapped = Integer.reverseBytes(magic);
    try {
      if (magic == PcapNgReader.SHB) {
        return new PcapNgReader(stream, in);
      }
      if (magic == PcapReader.MAGIC_MICROS
          || magic == PcapReader.MAGIC_NANOS
          || swapped == PcapReader.MAGIC_MICROS
          || swapped == PcapReader.MAGIC_NANOS) {
        return new PcapReader(stream, in);
      }
    } catch (CaptureFaultException e) {
      // The compressed stream broke inside the file header: nothing of the capture is readable.
      throw new NotACaptureException(
          "compressed stream is broken in the capture header: " + e.getMessage(), e);
    }
    throw new NotACaptureException(
        String.format("not a pcap or pcapng capture (magic 0x%08x)", magic));
  }

  private static InputStream decompress(BufferedInputStream in) throws IOException {
    in.mark(8);
    byte[] head = new byte[6];
    int n = in.readNBytes(head, 0, 6);
    in.reset();
    try {
      if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
        return new GZIPInputStream(in, 1 << 16);
      }
      if (n >= 6
          && (head[0] & 0xFF) == 0xFD
          && head[1] == '7'
          && head[2] == 'z'
          && head[3] == 'X'
          && head[4] == 'Z'
          && head[5] == 0) {
        return new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
      }
      if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
        return new BZip2CompressorInputStream(in, true);
      }
    } catch (EOFException e) {
      throw new NotACaptureException("compressed stream is truncated at its start", e);
    } catch (IOException e) {
      throw new NotACaptureException("compressed stream is broken: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The decompressor's own failure on a corrupt start (bzip2's decoder reads its first block
      // here and can fail with an index out of bounds): none of our code runs in these calls.
      throw new NotACaptureException("compressed stream is broken: " + e, e);
    }
    return in;
  }
}
