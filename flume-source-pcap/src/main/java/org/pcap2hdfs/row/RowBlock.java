package org.pcap2hdfs.row;

import java.util.Arrays;

/**
 * Many rows in one Flume event body, so that the channel and the HDFS sink pay their per-event
 * costs once per block instead of once per row. An event carries a block when it has the header
 * {@value #ROWS_HEADER} (its row count, in decimal); an event without it is one datum, as Flume's
 * {@code AvroEventSerializer} expects.
 *
 * <p>The body, format version 1:
 *
 * <pre>
 *   byte      version: 1
 *   long      n: the row count                     (Avro long: zig-zag varint)
 *   long × n  the byte length of each datum        (Avro longs)
 *   bytes     the n datums of the row schema, back to back: the same bytes an uncompressed Avro
 *             container block holds
 * </pre>
 *
 * The lengths let a sink hand each datum to an Avro writer without decoding it.
 */
public final class RowBlock {
  /** Header marking a block; its value is the number of rows. */
  public static final String ROWS_HEADER = "pcap2hdfs.rows";

  /** The format version this code writes and reads. */
  public static final byte VERSION = 1;

  private RowBlock() {}

  /** Collects datums and writes them out as a block body. Reused from block to block. */
  public static final class Writer {
    private final ByteSink data = new ByteSink(64 * 1024);
    private int[] lengths = new int[1024];
    private int count;
    private int mark;
    private int lengthBytes;

    /** Where the next datum is to be encoded; call {@link #endDatum()} once it is written. */
    public ByteSink data() {
      return data;
    }

    /** Ends the datum written into {@link #data()} since the previous one. */
    public void endDatum() {
      add(data.length() - mark);
    }

    /** Appends a whole datum. */
    public void add(byte[] datum, int offset, int length) {
      data.write(datum, offset, length);
      add(length);
    }

    private void add(int length) {
      if (count == lengths.length) {
        lengths = Arrays.copyOf(lengths, count * 2);
      }
      lengths[count++] = length;
      lengthBytes += varintSize(length);
      mark = data.length();
    }

    public int count() {
      return count;
    }

    /** Bytes of the datums so far. */
    public int dataBytes() {
      return data.length();
    }

    /** Bytes the body would have now. */
    public int bodyBytes() {
      return 1 + varintSize(count) + lengthBytes + data.length();
    }

    /** The block body of the datums added since the last reset. */
    public byte[] toBody() {
      byte[] body = new byte[bodyBytes()];
      int p = 0;
      body[p++] = VERSION;
      p = writeVarint(body, p, count);
      for (int i = 0; i < count; i++) {
        p = writeVarint(body, p, lengths[i]);
      }
      System.arraycopy(data.bytes(), 0, body, p, data.length());
      return body;
    }

    public void reset() {
      data.reset();
      count = 0;
      mark = 0;
      lengthBytes = 0;
    }
  }

  /** Finds the datums of a block body; reused from block to block. */
  public static final class Reader {
    private int[] offsets = new int[1025];
    private int count;
    private int pos;

    /**
     * Reads the block structure of {@code body}.
     *
     * @return false when {@code body} is not a version-1 block whose lengths add up to its size
     */
    public boolean read(byte[] body) {
      count = 0;
      if (body == null || body.length < 2 || body[0] != VERSION) {
        return false;
      }
      pos = 1;
      long n = readVarint(body);
      if (n < 0 || n > body.length) {
        return false;
      }
      int c = (int) n;
      if (offsets.length < c + 1) {
        offsets = new int[c + 1];
      }
      long end = 0;
      for (int i = 0; i < c; i++) {
        long len = readVarint(body);
        if (len < 0 || len > body.length) {
          return false;
        }
        offsets[i] = (int) end;
        end += len;
      }
      int start = pos;
      if (start < 0 || start + end != body.length) {
        return false;
      }
      for (int i = 0; i < c; i++) {
        offsets[i] += start;
      }
      offsets[c] = body.length;
      count = c;
      return true;
    }

    /** An Avro long at {@code pos}, advancing it; -1 (and pos -1) when malformed or cut. */
    private long readVarint(byte[] b) {
      int p = pos;
      if (p < 0) {
        return -1;
      }
      long z = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (p >= b.length) {
          break;
        }
        byte c = b[p++];
        z |= (long) (c & 0x7F) << shift;
        if (c >= 0) {
          pos = p;
          return (z >>> 1) ^ -(z & 1);
        }
      }
      pos = -1;
      return -1;
    }

    /** Rows of the block last read. */
    public int count() {
      return count;
    }

    /** Where datum {@code i} starts in the body. */
    public int offset(int i) {
      return offsets[i];
    }

    public int length(int i) {
      return offsets[i + 1] - offsets[i];
    }
  }

  /** Whether an event with these headers carries a block. */
  public static boolean isBlock(java.util.Map<String, String> headers) {
    return headers != null && headers.containsKey(ROWS_HEADER);
  }

  static int varintSize(long v) {
    long z = (v << 1) ^ (v >> 63);
    int n = 1;
    while ((z & ~0x7FL) != 0) {
      z >>>= 7;
      n++;
    }
    return n;
  }

  private static int writeVarint(byte[] b, int p, long v) {
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      b[p++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    b[p++] = (byte) z;
    return p;
  }
}
