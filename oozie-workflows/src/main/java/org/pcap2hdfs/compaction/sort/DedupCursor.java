package org.pcap2hdfs.compaction.sort;

import java.io.IOException;
import java.util.Arrays;

/**
 * Passes through a sorted cursor, skipping each record whose key equals the previous one: with the
 * event_id last in the key, these are the re-delivered copies of a row.
 */
final class DedupCursor implements RecordCursor {
  private final RecordCursor in;
  private byte[] last = new byte[256];
  private int lastLen = -1;
  private long dropped;

  DedupCursor(RecordCursor in) {
    this.in = in;
  }

  long dropped() {
    return dropped;
  }

  @Override
  public boolean next() throws IOException {
    while (in.next()) {
      byte[] k = in.keyArray();
      int off = in.keyOffset();
      int len = in.keyLength();
      if (len == lastLen && Arrays.equals(k, off, off + len, last, 0, len)) {
        dropped++;
        continue;
      }
      if (last.length < len) {
        last = new byte[Math.max(len, last.length * 2)];
      }
      System.arraycopy(k, off, last, 0, len);
      lastLen = len;
      return true;
    }
    return false;
  }

  @Override
  public byte[] keyArray() {
    return in.keyArray();
  }

  @Override
  public int keyOffset() {
    return in.keyOffset();
  }

  @Override
  public int keyLength() {
    return in.keyLength();
  }

  @Override
  public byte[] datumArray() {
    return in.datumArray();
  }

  @Override
  public int datumOffset() {
    return in.datumOffset();
  }

  @Override
  public int datumLength() {
    return in.datumLength();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
