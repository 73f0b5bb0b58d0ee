package org.pcap2hdfs.compaction.sort;

import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.xerial.snappy.SnappyInputStream;

/** Reads back a run written by {@link RunWriter}; records stay in its buffer (no copies). */
final class RunReader implements RecordCursor {
  private final File file;
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private int rec = -1;
  private int keyLen;
  private int datumLen;

  RunReader(File file, boolean compressed) throws IOException {
    this.file = file;
    InputStream raw = new FileInputStream(file);
    in = compressed ? new SnappyInputStream(raw) : raw;
  }

  @Override
  public boolean next() throws IOException {
    if (rec >= 0) {
      pos = rec + 8 + keyLen + datumLen;
      rec = -1;
    }
    if (!fill(8)) {
      if (pos != limit) {
        throw new EOFException("truncated run file " + file);
      }
      return false;
    }
    keyLen = SortBuffer.getInt(buf, pos);
    datumLen = SortBuffer.getInt(buf, pos + 4);
    if (keyLen < 0 || datumLen < 0 || !fill(8 + keyLen + datumLen)) {
      throw new EOFException("truncated run file " + file);
    }
    rec = pos;
    return true;
  }

  /** Makes n bytes available from pos; false when the stream ends first. */
  private boolean fill(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        return false;
      }
      limit += r;
    }
    return true;
  }

  @Override
  public byte[] keyArray() {
    return buf;
  }

  @Override
  public int keyOffset() {
    return rec + 8;
  }

  @Override
  public int keyLength() {
    return keyLen;
  }

  @Override
  public byte[] datumArray() {
    return buf;
  }

  @Override
  public int datumOffset() {
    return rec + 8 + keyLen;
  }

  @Override
  public int datumLength() {
    return datumLen;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
