package org.pcap2hdfs.interceptor;

import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.Text;

/**
 * Reads and rewrites an event body touching only the fields enrichment needs. Reading walks the
 * datum once, recording where each field starts, and copies only the stages' input fields into the
 * {@link Row} (other fields are skipped, not copied); the stages' output fields are set to null in
 * the row. Writing copies the original bytes and re-encodes only the output fields a stage set, so
 * an untouched field keeps exactly the bytes it had. The result equals a full decode, change and
 * {@code AvroRowCodec.encode} (a test holds it to that), at a fraction of the cost.
 *
 * <p>Fields of the row outside the inputs hold stale values: stages read only their inputs.
 */
final class BodySplicer {
  private static final RowSchema SCHEMA = RowSchema.get();
  private static final int N = SCHEMA.size();
  private static final byte[] KINDS = new byte[N];
  private static final boolean[] NULLABLE = new boolean[N];

  static {
    for (int i = 0; i < N; i++) {
      KINDS[i] = SCHEMA.kind(i);
      NULLABLE[i] = SCHEMA.nullable(i);
    }
  }

  private final boolean[] input = new boolean[N];
  private final boolean[] output = new boolean[N];
  private final int[] outputs;
  private final int[] start = new int[N + 1];

  /**
   * @param inputs fields copied into the row
   * @param outputs fields the stages may set (nullable fields only)
   */
  BodySplicer(int[] inputs, int[] outputs) {
    for (int f : inputs) {
      input[f] = true;
    }
    int n = 0;
    for (int f : outputs) {
      if (!NULLABLE[f]) {
        throw new IllegalArgumentException("output field " + SCHEMA.name(f) + " is not nullable");
      }
      if (!output[f]) {
        output[f] = true;
        n++;
      }
    }
    this.outputs = new int[n];
    for (int f = 0, k = 0; f < N; f++) {
      if (output[f]) {
        this.outputs[k++] = f;
      }
    }
  }

  /**
   * Reads {@code body} into {@code row} as described above.
   *
   * @return false when {@code body} is not exactly one datum of the schema
   */
  boolean read(byte[] body, Row row) {
    return body != null && read(body, 0, body.length, row);
  }

  /** Reads the datum at {@code b[offset, offset + length)}; false unless it is exactly one. */
  boolean read(byte[] b, int offset, int length, Row row) {
    int end = offset + length;
    int p = offset;
    for (int i = 0; i < N; i++) {
      start[i] = p;
      boolean isNull = false;
      if (NULLABLE[i]) {
        if (p >= end) {
          return false;
        }
        byte branch = b[p++];
        if (branch == 0) {
          isNull = true;
        } else if (branch != 2) {
          return false;
        }
      }
      if (!isNull) {
        switch (KINDS[i]) {
          case RowSchema.INT:
          case RowSchema.LONG:
            {
              long v = 0;
              int shift = 0;
              while (true) {
                if (p >= end || shift > 63) {
                  return false;
                }
                byte c = b[p++];
                v |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                  break;
                }
                shift += 7;
              }
              if (input[i]) {
                row.setLong(i, (v >>> 1) ^ -(v & 1));
              }
              break;
            }
          case RowSchema.BOOLEAN:
            if (p >= end) {
              return false;
            }
            if (input[i]) {
              row.setBoolean(i, b[p] != 0);
            }
            p++;
            break;
          case RowSchema.DOUBLE:
            if (end - p < 8) {
              return false;
            }
            if (input[i]) {
              long bits = 0;
              for (int k = 0; k < 8; k++) {
                bits |= (b[p + k] & 0xFFL) << (8 * k);
              }
              row.setDouble(i, Double.longBitsToDouble(bits));
            }
            p += 8;
            break;
          default:
            {
              long z = 0;
              int shift = 0;
              while (true) {
                if (p >= end || shift > 63) {
                  return false;
                }
                byte c = b[p++];
                z |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                  break;
                }
                shift += 7;
              }
              long len = (z >>> 1) ^ -(z & 1);
              if (len < 0 || len > end - p) {
                return false;
              }
              if (input[i]) {
                row.text(i).append(b, p, (int) len);
              }
              p += (int) len;
            }
        }
      }
      if (isNull && input[i]) {
        row.setNull(i);
      }
      if (output[i]) {
        row.setNull(i);
      }
    }
    start[N] = p;
    return p == end;
  }

  /** True when a stage set one of the output fields of {@code row}. */
  boolean changed(Row row) {
    for (int f : outputs) {
      if (!row.isNull(f)) {
        return true;
      }
    }
    return false;
  }

  /** Writes {@code body} (just read) with the output fields the stages set replaced. */
  void write(byte[] body, Row row, ByteSink out) {
    write(body, 0, body.length, row, out);
  }

  /** Writes the datum just read at {@code body[offset, offset + length)}, as above. */
  void write(byte[] body, int offset, int length, Row row, ByteSink out) {
    int copied = offset;
    for (int f : outputs) {
      if (row.isNull(f)) {
        continue; // not set: the original bytes stay
      }
      out.write(body, copied, start[f] - copied);
      out.write((byte) 2); // union branch 1
      encodeValue(row, f, out);
      copied = start[f + 1];
    }
    out.write(body, copied, offset + length - copied);
  }

  private static void encodeValue(Row row, int f, ByteSink out) {
    switch (KINDS[f]) {
      case RowSchema.INT:
      case RowSchema.LONG:
        long v = row.getLong(f);
        writeVarint(out, (v << 1) ^ (v >> 63));
        break;
      case RowSchema.BOOLEAN:
        out.write((byte) (row.getBoolean(f) ? 1 : 0));
        break;
      case RowSchema.DOUBLE:
        long bits = Double.doubleToRawLongBits(row.getDouble(f));
        for (int k = 0; k < 8; k++) {
          out.write((byte) (bits >>> (8 * k)));
        }
        break;
      default:
        Text t = row.getText(f);
        writeVarint(out, (long) t.length() << 1);
        out.write(t.bytes(), 0, t.length());
    }
  }

  private static void writeVarint(ByteSink out, long n) {
    while ((n & ~0x7FL) != 0) {
      out.write((byte) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((byte) n);
  }
}
