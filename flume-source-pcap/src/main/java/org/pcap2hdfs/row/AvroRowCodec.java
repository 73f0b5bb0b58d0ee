package org.pcap2hdfs.row;

import java.io.EOFException;
import java.io.IOException;

/**
 * Avro binary encoding of a {@link Row}, written and read field by field following {@link
 * RowSchema}: no {@code GenericRecord}, no boxing, no per-field dispatch through objects. The bytes
 * are exactly what {@code GenericDatumWriter} writes for the same values (a test holds it to that).
 */
public final class AvroRowCodec {
  private static final RowSchema SCHEMA = RowSchema.get();

  private AvroRowCodec() {}

  /**
   * Appends the Avro binary datum of {@code row} to {@code out}: DNS rows through the generated
   * {@link RowEncoder}, rows of other (rare) kinds field by field.
   */
  public static void encode(Row row, ByteSink out) {
    if (row.schema == SCHEMA) {
      RowEncoder.encode(row, out);
    } else {
      encodeGeneric(row, out);
    }
  }

  private static void encodeGeneric(Row row, ByteSink out) {
    RowSchema schema = row.schema;
    for (int i = 0, n = schema.size(); i < n; i++) {
      Text t = row.texts[i];
      out.ensure(11 + 10 + (t == null ? 0 : t.length));
      byte[] b = out.buf;
      int p = out.length;
      if (row.nulls[i]) {
        if (!schema.nullable(i)) {
          throw new IllegalStateException("required field " + schema.name(i) + " is null");
        }
        b[p++] = 0;
        out.length = p;
        continue;
      }
      if (schema.nullable(i)) {
        b[p++] = 2;
      }
      long v = row.values[i];
      switch (schema.kind(i)) {
        case RowSchema.INT:
        case RowSchema.LONG:
          p = writeLong(b, p, v);
          break;
        case RowSchema.BOOLEAN:
          b[p++] = (byte) v;
          break;
        case RowSchema.DOUBLE:
          p = writeFixed8(b, p, v);
          break;
        default:
          p = writeText(b, p, t);
      }
      out.length = p;
    }
  }

  static IllegalStateException requiredNull(int field) {
    return new IllegalStateException("required field " + SCHEMA.name(field) + " is null");
  }

  /** A zig-zag varint (Avro int and long). */
  static int writeLong(byte[] b, int p, long v) {
    long n = (v << 1) ^ (v >> 63);
    while ((n & ~0x7FL) != 0) {
      b[p++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    b[p++] = (byte) n;
    return p;
  }

  /** A double's bits, little-endian. */
  static int writeFixed8(byte[] b, int p, long bits) {
    for (int k = 0; k < 8; k++) {
      b[p++] = (byte) (bits >>> (8 * k));
    }
    return p;
  }

  /** Length and bytes; the caller made room. */
  static int writeText(byte[] b, int p, Text t) {
    int len = t.length;
    p = writeLong(b, p, len);
    System.arraycopy(t.bytes, 0, b, p, len);
    return p + len;
  }

  /**
   * Reads one datum from {@code data[offset, offset + length)} into {@code row}.
   *
   * @return the number of bytes read
   * @throws IOException when the bytes are not a datum of the schema
   */
  public static int decode(byte[] data, int offset, int length, Row row) throws IOException {
    Reader r = new Reader(data, offset, offset + length);
    RowSchema schema = row.schema;
    for (int i = 0, n = schema.size(); i < n; i++) {
      if (schema.nullable(i)) {
        long branch = r.varint();
        if (branch == 0) {
          row.nulls[i] = true;
          continue;
        }
        if (branch != 2) {
          throw new IOException("bad union branch for field " + schema.name(i));
        }
      }
      row.nulls[i] = false;
      switch (schema.kind(i)) {
        case RowSchema.INT:
        case RowSchema.LONG:
          long z = r.varint();
          row.values[i] = (z >>> 1) ^ -(z & 1);
          break;
        case RowSchema.BOOLEAN:
          row.values[i] = r.u8() != 0 ? 1 : 0;
          break;
        case RowSchema.DOUBLE:
          long bits = 0;
          for (int k = 0; k < 8; k++) {
            bits |= (long) r.u8() << (8 * k);
          }
          row.values[i] = bits;
          break;
        default:
          long zl = r.varint();
          long len = (zl >>> 1) ^ -(zl & 1);
          if (len < 0 || len > r.end - r.pos) {
            throw new IOException("bad string length for field " + schema.name(i));
          }
          Text t = row.texts[i].clear();
          t.append(data, r.pos, (int) len);
          r.pos += (int) len;
      }
    }
    return r.pos - offset;
  }

  private static final class Reader {
    final byte[] b;
    int pos;
    final int end;

    Reader(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    int u8() throws EOFException {
      if (pos >= end) {
        throw new EOFException("Avro datum ends early");
      }
      return b[pos++] & 0xFF;
    }

    long varint() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int c = u8();
        v |= (long) (c & 0x7F) << shift;
        if ((c & 0x80) == 0) {
          return v;
        }
      }
      throw new IOException("varint too long");
    }
  }
}
