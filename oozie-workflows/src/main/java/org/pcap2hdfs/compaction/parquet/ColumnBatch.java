package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.pcap2hdfs.compaction.avro.DatumLayout;

/**
 * A small batch of rows turned from Avro datums into columns: per field a {@code long} per row
 * (ints and longs decoded, booleans 0/1, double bits, or for strings {@code offset << 32 | length}
 * into {@link #arena()}), a null flag per row and a null count. The datums are copied in as they
 * come and decoded together when the batch is full, two rows at a time: a datum walk is a chain of
 * dependent reads (where a field starts depends on the previous one), and two independent chains
 * keep the CPU busy during each other's load latencies. The batch is sized to keep its columns in
 * the L2 cache.
 */
final class ColumnBatch {
  private final DatumLayout layout;
  private final byte[] ops;
  private final int n;
  private final int capacity;
  private final long[][] values;
  private final boolean[][] nulls;
  private final int[] nullCounts;
  private final int[] rowStart;
  private final int[] rowLength;
  private final int[] cursor = new int[1];
  private byte[] arena = new byte[1 << 16];
  private int arenaLength;
  private int rows;

  ColumnBatch(DatumLayout layout, int capacity) {
    this.layout = layout;
    this.ops = layout.ops;
    this.n = layout.n;
    this.capacity = capacity;
    nullCounts = new int[n];
    values = new long[n][capacity];
    nulls = new boolean[n][capacity];
    rowStart = new int[capacity];
    rowLength = new int[capacity];
  }

  /**
   * Copies in the datum {@code b[pos, pos + len)}.
   *
   * @return true when the batch is now full: {@link #decode()} it
   */
  boolean add(byte[] b, int pos, int len) {
    int a = arenaLength;
    if (a + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, a + len));
    }
    System.arraycopy(b, pos, arena, a, len);
    rowStart[rows] = a;
    rowLength[rows] = len;
    arenaLength = a + len;
    return ++rows == capacity;
  }

  int rows() {
    return rows;
  }

  long[] values(int field) {
    return values[field];
  }

  boolean[] nulls(int field) {
    return nulls[field];
  }

  int nullCount(int field) {
    return nullCounts[field];
  }

  /** The bytes that string values point into. */
  byte[] arena() {
    return arena;
  }

  /** Empties the batch. */
  void clear() {
    rows = 0;
    arenaLength = 0;
  }

  /**
   * Decodes the datums into the columns.
   *
   * @throws IOException when a datum is not one of the event schema
   */
  void decode() throws IOException {
    Arrays.fill(nullCounts, 0);
    int r = 0;
    try {
      for (; r + 1 < rows; r += 2) {
        decodePair(r, r + 1);
      }
      if (r < rows) {
        decodeOne(r);
      }
    } catch (IndexOutOfBoundsException e) {
      throw DatumLayout.endsEarly();
    }
  }

  private void decodePair(int r, int s) throws IOException {
    byte[] b = arena;
    int p = rowStart[r];
    int endP = p + rowLength[r];
    int q = rowStart[s];
    int endQ = q + rowLength[s];
    for (int i = 0; i < n; i++) {
      int op = ops[i];
      long[] v = values[i];
      boolean[] isNull = nulls[i];
      p = field(b, p, endP, op, i, v, isNull, r);
      q = field(b, q, endQ, op, i, v, isNull, s);
    }
    checkEnd(p, endP);
    checkEnd(q, endQ);
  }

  private void decodeOne(int r) throws IOException {
    byte[] b = arena;
    int p = rowStart[r];
    int end = p + rowLength[r];
    for (int i = 0; i < n; i++) {
      p = field(b, p, end, ops[i], i, values[i], nulls[i], r);
    }
    checkEnd(p, end);
  }

  private static void checkEnd(int p, int end) throws IOException {
    if (p > end) {
      throw DatumLayout.endsEarly();
    }
    if (p != end) {
      throw new IOException("datum has " + (end - p) + " bytes after its last field");
    }
  }

  /**
   * Decodes field {@code i} of row {@code r} at {@code b[p]}; returns where the next one starts.
   */
  private int field(byte[] b, int p, int end, int op, int i, long[] v, boolean[] isNull, int r)
      throws IOException {
    if (op >= DatumLayout.OPTIONAL) {
      int branch = b[p++];
      if (branch == 0) {
        isNull[r] = true;
        nullCounts[i]++;
        return p;
      }
      if (branch != 2) {
        throw layout.badBranch(i);
      }
      op -= DatumLayout.OPTIONAL;
    }
    isNull[r] = false;
    switch (op) {
      case DatumLayout.VARINT:
        {
          long x = b[p];
          if (x >= 0) {
            p++;
          } else {
            x = DatumLayout.varintTail(b, p, x, cursor);
            p = cursor[0];
          }
          v[r] = (x >>> 1) ^ -(x & 1);
          return p;
        }
      case DatumLayout.BYTE:
        v[r] = b[p];
        return p + 1;
      case DatumLayout.FIXED8:
        v[r] = DatumLayout.fixed8(b, p);
        return p + 8;
      default:
        {
          long x = b[p];
          if (x >= 0) {
            p++;
          } else {
            x = DatumLayout.varintTail(b, p, x, cursor);
            p = cursor[0];
          }
          long n = (x >>> 1) ^ -(x & 1);
          if (n < 0 || n > end - p) {
            throw layout.badLength(i);
          }
          v[r] = ((long) p << 32) | n;
          return p + (int) n;
        }
    }
  }
}
