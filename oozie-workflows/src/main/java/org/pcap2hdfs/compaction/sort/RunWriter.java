package org.pcap2hdfs.compaction.sort;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Writes a sorted run to a local file: per record a 4-byte key length, a 4-byte datum length, the
 * key and the datum; optionally Snappy-compressed.
 */
final class RunWriter implements AutoCloseable {
  private final OutputStream out;
  private final byte[] header = new byte[8];
  private long records;

  RunWriter(File file, boolean compress) throws IOException {
    OutputStream raw = new BufferedOutputStream(new FileOutputStream(file), 1 << 16);
    out = compress ? new SnappyOutputStream(raw, 1 << 18) : raw;
  }

  void write(RecordCursor c) throws IOException {
    SortBuffer.putInt(header, 0, c.keyLength());
    SortBuffer.putInt(header, 4, c.datumLength());
    out.write(header, 0, 8);
    out.write(c.keyArray(), c.keyOffset(), c.keyLength());
    out.write(c.datumArray(), c.datumOffset(), c.datumLength());
    records++;
  }

  long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
