package org.pcap2hdfs.compaction.sort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.Text;

/**
 * The sort order of output rows: the configured columns, then {@code event_id}. A row's key is
 * encoded into bytes whose unsigned lexicographic order is the sort order, so that sorting and
 * merging compare plain byte ranges: per column a null marker (nulls first), numbers as big-endian
 * with the sign bit flipped, strings as their UTF-8 bytes with 0x00 escaped and a 0x00 0x00
 * terminator. Two rows have equal keys exactly when they agree on the columns and the event_id.
 */
public final class SortKey {
  private static final RowSchema SCHEMA = RowSchema.get();

  private final int[] fields;
  private final byte[] kinds;
  private final List<String> names;

  private SortKey(int[] fields, List<String> names) {
    this.fields = fields;
    this.names = names;
    kinds = new byte[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = SCHEMA.kind(fields[i]);
    }
  }

  /**
   * The key of the given columns followed by event_id.
   *
   * @throws IllegalArgumentException naming a column the schema lacks or a repeated one
   */
  public static SortKey of(String... columns) {
    List<String> names = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (String c : columns) {
      String name = c.trim();
      if (name.isEmpty()) {
        continue;
      }
      int i;
      try {
        i = SCHEMA.indexOf(name);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("no column " + name + " in the event schema");
      }
      if (idx.contains(i)) {
        throw new IllegalArgumentException("column " + name + " given twice");
      }
      if (i != Fields.EVENT_ID) {
        names.add(name);
        idx.add(i);
      }
    }
    names.add("event_id");
    idx.add(Fields.EVENT_ID);
    return new SortKey(idx.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names));
  }

  /** Column names in key order, event_id last. */
  public List<String> columns() {
    return names;
  }

  /** Appends the key of {@code row} to {@code out}. */
  public void encode(Row row, ByteSink out) {
    for (int k = 0; k < fields.length; k++) {
      int f = fields[k];
      if (row.isNull(f)) {
        out.write((byte) 0);
        continue;
      }
      out.write((byte) 1);
      switch (kinds[k]) {
        case RowSchema.INT:
        case RowSchema.LONG:
          writeLong(out, row.getLong(f) ^ Long.MIN_VALUE);
          break;
        case RowSchema.BOOLEAN:
          out.write(row.getBoolean(f) ? (byte) 1 : (byte) 0);
          break;
        case RowSchema.DOUBLE:
          long bits = Double.doubleToLongBits(row.getDouble(f));
          writeLong(out, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
          break;
        default:
          Text t = row.getText(f);
          byte[] b = t.bytes();
          int n = t.length();
          for (int i = 0; i < n; i++) {
            out.write(b[i]);
            if (b[i] == 0) {
              out.write((byte) 0xFF);
            }
          }
          out.write((byte) 0);
          out.write((byte) 0);
      }
    }
  }

  private static void writeLong(ByteSink out, long v) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((byte) (v >>> s));
    }
  }

  /** The first 8 key bytes as an unsigned number (zero-padded), for cheap first comparisons. */
  public static long prefix(byte[] key, int off, int len) {
    long p = 0;
    int n = Math.min(len, 8);
    for (int i = 0; i < n; i++) {
      p |= (key[off + i] & 0xFFL) << (56 - 8 * i);
    }
    return p;
  }

  /** Unsigned lexicographic comparison of two byte ranges. */
  public static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    return Arrays.compareUnsigned(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
  }

  @Override
  public String toString() {
    return String.join(",", names);
  }
}
