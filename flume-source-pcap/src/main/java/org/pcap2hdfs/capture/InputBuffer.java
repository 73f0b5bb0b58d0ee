package org.pcap2hdfs.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * A large refillable window over a stream, so that records can be handed out as slices of one array
 * instead of being copied. Decompressor failures surface as {@link CaptureFaultException}.
 */
final class InputBuffer {
  private final InputStream in;
  byte[] buf;
  int pos;
  int limit;
  private long consumedBefore;
  private boolean eof;

  /** Whether {@link #in} is a decompressor (gzip, xz, bzip2) over the file. */
  private final boolean decompressing;

  InputBuffer(InputStream in, int size, boolean decompressing) {
    this.in = in;
    this.buf = new byte[size];
    this.decompressing = decompressing;
  }

  /** Absolute offset of {@link #pos} in the stream. */
  long position() {
    return consumedBefore + pos;
  }

  int available() {
    return limit - pos;
  }

  /**
   * Makes at least {@code n} bytes available from {@link #pos}, growing the window when needed.
   *
   * @return false when the stream ended first (what is left stays available)
   */
  boolean ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      consumedBefore += pos;
      limit -= pos;
      pos = 0;
    }
    if (n > buf.length) {
      byte[] bigger = new byte[Math.max(n, buf.length * 2)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    while (limit < n) {
      int r;
      try {
        r = in.read(buf, limit, buf.length - limit);
      } catch (EOFException e) {
        throw new CaptureFaultException("compressed stream ends early", position() + limit, e);
      } catch (ZipException e) {
        throw new CaptureFaultException(
            "corrupt compressed stream: " + e.getMessage(), position(), e);
      } catch (IOException e) {
        if (isDecompressorFault(e)) {
          throw new CaptureFaultException(
              "corrupt compressed stream: " + e.getMessage(), position(), e);
        }
        throw e;
      } catch (RuntimeException e) {
        // commons-compress' bzip2 decoder can also fail on corrupt data with an index out of
        // bounds in its Huffman tables: still a corrupt stream, not a bug of ours. (Such an
        // exception may come without a stack trace, once the JIT throws it preallocated.)
        if (decompressing) {
          throw new CaptureFaultException("corrupt compressed stream: " + e, position(), e);
        }
        throw e;
      }
      if (r < 0) {
        eof = true;
        return false;
      }
      limit += r;
    }
    return true;
  }

  /** Skips {@code n} bytes; false when the stream ended first. */
  boolean skip(long n) throws IOException {
    while (n > 0) {
      if (limit == pos && !ensure(1)) {
        return false;
      }
      int step = (int) Math.min(n, limit - pos);
      pos += step;
      n -= step;
    }
    return true;
  }

  private static boolean isDecompressorFault(IOException e) {
    // xz (org.tukaani) and bzip2 (commons-compress) report corrupt input with their own
    // IOException subclasses; anything thrown by the stream that is not an OS-level error is one.
    String name = e.getClass().getName();
    if (name.startsWith("org.tukaani.xz.") || name.startsWith("org.apache.commons.compress.")) {
      return true;
    }
    // commons-compress also throws plain IOExceptions for corrupt bzip2 data ("BZip2 CRC error",
    // "Stream corrupted"): where the exception was thrown tells them from OS-level read errors.
    return isDecompressor(e);
  }

  /** Whether {@code e} was thrown inside one of the decompressors. */
  private static boolean isDecompressor(Exception e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && isDecompressor(trace[0].getClassName());
  }

  private static boolean isDecompressor(String className) {
    return className.startsWith("org.tukaani.xz.")
        || className.startsWith("org.apache.commons.compress.")
        || className.startsWith("java.util.zip.");
  }
}
