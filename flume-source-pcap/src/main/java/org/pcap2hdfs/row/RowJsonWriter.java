package org.pcap2hdfs.row;

import java.nio.charset.StandardCharsets;

/**
 * One JSON object per row, keys exactly the schema's field names in schema order, {@code null} for
 * nulls, numbers as JSON numbers.
 */
public final class RowJsonWriter {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final RowSchema schema;
  private final byte[][] keys;
  private final Text scratch = new Text();

  /** A writer of DNS query rows. */
  public RowJsonWriter() {
    this(RowSchema.get());
  }

  /** A writer of rows of {@code schema}. */
  public RowJsonWriter(RowSchema schema) {
    this.schema = schema;
    keys = new byte[schema.size()][];
    for (int i = 0; i < keys.length; i++) {
      String prefix = (i == 0 ? "{\"" : ",\"") + schema.name(i) + "\":";
      keys[i] = prefix.getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** Appends {@code row} as one JSON object followed by a newline. */
  public void write(Row row, ByteSink out) {
    if (row.schema != schema) {
      throw new IllegalArgumentException(
          "a " + row.schema.kindName() + " row for a writer of " + schema.kindName() + " rows");
    }
    byte[][] keys = this.keys;
    for (int i = 0; i < keys.length; i++) {
      out.write(keys[i], 0, keys[i].length);
      if (row.nulls[i]) {
        out.write(NULL, 0, NULL.length);
        continue;
      }
      long v = row.values[i];
      switch (schema.kind(i)) {
        case RowSchema.INT:
        case RowSchema.LONG:
          scratch.clear().appendDecimal(v);
          out.write(scratch.bytes, 0, scratch.length);
          break;
        case RowSchema.BOOLEAN:
          byte[] b = v != 0 ? TRUE : FALSE;
          out.write(b, 0, b.length);
          break;
        case RowSchema.DOUBLE:
          double d = Double.longBitsToDouble(v);
          if (Double.isFinite(d)) {
            scratch.clear().append(Double.toString(d));
            out.write(scratch.bytes, 0, scratch.length);
          } else {
            out.write(NULL, 0, NULL.length);
          }
          break;
        default:
          writeString(row.texts[i], out);
      }
    }
    out.write((byte) '}');
    out.write((byte) '\n');
  }

  private static void writeString(Text t, ByteSink out) {
    out.write((byte) '"');
    for (int i = 0; i < t.length; i++) {
      byte c = t.bytes[i];
      if (c == '"' || c == '\\') {
        out.write((byte) '\\');
        out.write(c);
      } else if (c >= 0 && c < 0x20) {
        out.write((byte) '\\');
        out.write((byte) 'u');
        out.write((byte) '0');
        out.write((byte) '0');
        out.write(HEX[c >>> 4]);
        out.write(HEX[c & 0xF]);
      } else {
        out.write(c);
      }
    }
    out.write((byte) '"');
  }
}
