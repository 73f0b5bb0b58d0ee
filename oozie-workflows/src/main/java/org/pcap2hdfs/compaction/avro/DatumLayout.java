package org.pcap2hdfs.compaction.avro;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.pcap2hdfs.row.RowSchema;

/**
 * The binary layout of one Avro datum of a row schema ({@link #of}), for code that walks datums
 * without decoding them into objects: per field an op code (how its bytes are laid out, plus {@link
 * #OPTIONAL} for a {@code ["null", T]} union whose branch byte is 0 for null and 2 for a value).
 *
 * <p>Walkers read without checking every byte against the end of the datum: they catch {@link
 * IndexOutOfBoundsException} (reads past the array), check each string length against the end, and
 * check the final position. A truncated or corrupt datum still fails with an {@link IOException};
 * only the message may name a later symptom than the first bad byte.
 */
public final class DatumLayout {
  private static final DatumLayout DNS = new DatumLayout(RowSchema.get());
  private static final DatumLayout ICMP = new DatumLayout(RowSchema.icmp());
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Op code: a zig-zag varint (int, long). */
  public static final int VARINT = 0;

  /** Op code: one byte (boolean). */
  public static final int BYTE = 1;

  /** Op code: 8 bytes little-endian (double). */
  public static final int FIXED8 = 2;

  /** Op code: a varint length and that many bytes (string). */
  public static final int BYTES = 3;

  /** Added to the op code of a field that is a {@code ["null", T]} union. */
  public static final int OPTIONAL = 4;

  /** The schema. */
  public final RowSchema schema;

  /** Number of fields. */
  public final int n;

  /** Kind of each field ({@link RowSchema#INT} ...). */
  public final byte[] kinds;

  /** Whether each field is a nullable union. */
  public final boolean[] nullable;

  /** The op code of each field. */
  public final byte[] ops;

  private DatumLayout(RowSchema schema) {
    this.schema = schema;
    n = schema.size();
    kinds = new byte[n];
    nullable = new boolean[n];
    ops = new byte[n];
    for (int i = 0; i < n; i++) {
      kinds[i] = schema.kind(i);
      nullable[i] = schema.nullable(i);
      int op;
      switch (kinds[i]) {
        case RowSchema.INT:
        case RowSchema.LONG:
          op = VARINT;
          break;
        case RowSchema.BOOLEAN:
          op = BYTE;
          break;
        case RowSchema.DOUBLE:
          op = FIXED8;
          break;
        default:
          op = BYTES;
      }
      ops[i] = (byte) (nullable[i] ? op + OPTIONAL : op);
    }
  }

  /** The layout of the DNS query schema. */
  public static DatumLayout dns() {
    return DNS;
  }

  /** The layout of {@code schema}'s datums. */
  public static DatumLayout of(RowSchema schema) {
    if (schema == DNS.schema) {
      return DNS;
    }
    return schema == ICMP.schema ? ICMP : new DatumLayout(schema);
  }

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

  /**
   * The raw (not zig-zag decoded) bits of a varint at {@code b[pos]} whose first byte {@code first}
   * has its high bit set; the end position goes to {@code cursor[0]}.
   *
   * @throws IOException when it is longer than 10 bytes
   * @throws IndexOutOfBoundsException when it runs past the array
   */
  public static long varintTail(byte[] b, int pos, long first, int[] cursor) throws IOException {
    long x = first & 0x7F;
    int p = pos + 1;
    for (int shift = 7; shift < 70; shift += 7) {
      long c = b[p++];
      x |= (c & 0x7F) << shift;
      if (c >= 0) {
        cursor[0] = p;
        return x;
      }
    }
    throw new IOException("varint too long");
  }

  /**
   * The position after the varint at {@code b[pos]}.
   *
   * @throws IOException when it is longer than 10 bytes
   * @throws IndexOutOfBoundsException when it runs past the array
   */
  public static int skipVarint(byte[] b, int pos) throws IOException {
    int p = pos;
    int limit = pos + 10;
    while (b[p++] < 0) {
      if (p == limit) {
        throw new IOException("varint too long");
      }
    }
    return p;
  }

  /** The 8 bytes at {@code b[pos]} as a little-endian long. */
  public static long fixed8(byte[] b, int pos) {
    return (long) LONGS.get(b, pos);
  }

  /** Reads a union branch byte: true for a value, false for null. */
  public boolean present(byte[] b, int pos, int end, int field) throws IOException {
    if (pos >= end) {
      throw new IOException("Avro datum ends early");
    }
    byte branch = b[pos];
    if (branch == 0) {
      return false;
    }
    if (branch != 2) {
      throw badBranch(field);
    }
    return true;
  }

  public IOException badBranch(int field) {
    return new IOException("bad union branch for field " + schema.name(field));
  }

  public IOException badLength(int field) {
    return new IOException("bad string length for field " + schema.name(field));
  }

  public static IOException endsEarly() {
    return new IOException("Avro datum ends early");
  }

  public String name(int field) {
    return schema.name(field);
  }
}
