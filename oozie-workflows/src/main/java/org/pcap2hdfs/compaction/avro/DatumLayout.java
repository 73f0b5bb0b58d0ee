package org.pcap2hdfs.compaction.avro;

import java.io.IOException;
import org.pcap2hdfs.row.RowSchema;

/**
 * The binary layout of one Avro datum of the event schema, for code that walks datums without
 * decoding them into objects: per field its kind and whether it is a {@code ["null", T]} union
 * (branch byte 0 = null, 2 = value), plus bounds-checked varint reading.
 */
public final class DatumLayout {
  private static final RowSchema SCHEMA = RowSchema.get();

  /** Number of fields. */
  public static final int N = SCHEMA.size();

  /** Kind of each field ({@link RowSchema#INT} ...). */
  public static final byte[] KINDS = new byte[N];

  /** Whether each field is a nullable union. */
  public static final boolean[] NULLABLE = new boolean[N];

  static {
    for (int i = 0; i < N; i++) {
      KINDS[i] = SCHEMA.kind(i);
      NULLABLE[i] = SCHEMA.nullable(i);
    }
  }

  private DatumLayout() {}

  /**
   * Reads a zig-zag varint at {@code b[pos]}; the end position goes to {@code cursor[0]}.
   *
   * @throws IOException when it runs past {@code end} or is longer than 10 bytes
   */
  public static long varint(byte[] b, int pos, int end, int[] cursor) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IOException("Avro datum ends early");
      }
      int c = b[pos++];
      v |= (long) (c & 0x7F) << shift;
      if ((c & 0x80) == 0) {
        cursor[0] = pos;
        return (v >>> 1) ^ -(v & 1);
      }
    }
    throw new IOException("varint too long");
  }

  /** Reads a union branch byte: true for a value, false for null. */
  public static boolean present(byte[] b, int pos, int end, int field) throws IOException {
    if (pos >= end) {
      throw new IOException("Avro datum ends early");
    }
    byte branch = b[pos];
    if (branch == 0) {
      return false;
    }
    if (branch != 2) {
      throw new IOException("bad union branch for field " + SCHEMA.name(field));
    }
    return true;
  }

  public static String name(int field) {
    return SCHEMA.name(field);
  }
}
