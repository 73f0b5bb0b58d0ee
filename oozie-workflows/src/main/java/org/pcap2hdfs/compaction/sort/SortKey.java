package org.pcap2hdfs.compaction.sort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcap2hdfs.compaction.avro.DatumLayout;
import org.pcap2hdfs.row.ByteSink;
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
  private final DatumLayout layout;
  private final int[] fields;
  private final byte[] kinds;
  private final List<String> names;
  // Per schema field: its position in the key, or -1.
  private final int[] slotOf;
  // Per key column, filled while scanning a datum: null flag, number, or string offset/length.
  private final boolean[] capNull;
  private final long[] capValue;
  private final int[] capOff;
  private final int[] capLen;
  private final int[] cursor = new int[1];

  private SortKey(RowSchema schema, int[] fields, List<String> names) {
    this.layout = DatumLayout.of(schema);
    this.fields = fields;
    this.names = names;
    kinds = new byte[fields.length];
    slotOf = new int[schema.size()];
    java.util.Arrays.fill(slotOf, -1);
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = schema.kind(fields[i]);
      slotOf[fields[i]] = i;
    }
    capNull = new boolean[fields.length];
    capValue = new long[fields.length];
    capOff = new int[fields.length];
    capLen = new int[fields.length];
  }

  /**
   * Walks the Avro datum of the row schema at {@code b[pos]} (within {@code [pos, end)}), appends
   * its key to {@code out} and returns the datum's length. Nothing is decoded into objects; the
   * datum is checked as it is walked (union branches, lengths, bounds).
   *
   * @throws IOException when the bytes are not a datum of the schema
   */
  public int encodeFromDatum(byte[] b, int pos, int end, ByteSink out) throws IOException {
    int p = pos;
    int[] cur = cursor;
    byte[] ops = layout.ops;
    int[] slots = slotOf;
    try {
      for (int i = 0; i < ops.length; i++) {
        int op = ops[i];
        int slot = slots[i];
        if (op >= DatumLayout.OPTIONAL) {
          int branch = b[p++];
          if (branch == 0) {
            if (slot >= 0) {
              capNull[slot] = true;
            }
            continue;
          }
          if (branch != 2) {
            throw layout.badBranch(i);
          }
          op -= DatumLayout.OPTIONAL;
        }
        if (slot < 0) {
          // Not a key column: skip it.
          switch (op) {
            case DatumLayout.VARINT:
              p = b[p] >= 0 ? p + 1 : DatumLayout.skipVarint(b, p);
              break;
            case DatumLayout.BYTE:
              p++;
              break;
            case DatumLayout.FIXED8:
              p += 8;
              break;
            default:
              long len = b[p];
              if (len >= 0) {
                p++;
              } else {
                len = DatumLayout.varintTail(b, p, len, cur);
                p = cur[0];
              }
              len = (len >>> 1) ^ -(len & 1);
              if (len < 0 || len > end - p) {
                throw layout.badLength(i);
              }
              p += (int) len;
          }
          continue;
        }
        long v;
        switch (op) {
          case DatumLayout.VARINT:
            v = DatumLayout.varint(b, p, end, cur);
            p = cur[0];
            break;
          case DatumLayout.BYTE:
            v = b[p++];
            break;
          case DatumLayout.FIXED8:
            v = DatumLayout.fixed8(b, p);
            p += 8;
            break;
          default:
            long len = DatumLayout.varint(b, p, end, cur);
            p = cur[0];
            if (len < 0 || len > end - p) {
              throw layout.badLength(i);
            }
            capOff[slot] = p;
            capLen[slot] = (int) len;
            p += (int) len;
            v = 0;
        }
        capNull[slot] = false;
        capValue[slot] = v;
      }
    } catch (IndexOutOfBoundsException e) {
      throw DatumLayout.endsEarly();
    }
    if (p > end) {
      throw DatumLayout.endsEarly();
    }
    for (int k = 0; k < fields.length; k++) {
      if (capNull[k]) {
        out.write((byte) 0);
        continue;
      }
      out.write((byte) 1);
      long v = capValue[k];
      switch (kinds[k]) {
        case RowSchema.INT:
        case RowSchema.LONG:
          writeLong(out, v ^ Long.MIN_VALUE);
          break;
        case RowSchema.BOOLEAN:
          out.write(v != 0 ? (byte) 1 : (byte) 0);
          break;
        case RowSchema.DOUBLE:
          long bits = Double.doubleToLongBits(Double.longBitsToDouble(v));
          writeLong(out, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
          break;
        default:
          writeString(out, b, capOff[k], capLen[k]);
      }
    }
    return p - pos;
  }

  private static void writeString(ByteSink out, byte[] b, int off, int n) {
    for (int i = off; i < off + n; i++) {
      out.write(b[i]);
      if (b[i] == 0) {
        out.write((byte) 0xFF);
      }
    }
    out.write((byte) 0);
    out.write((byte) 0);
  }

  /** The key of DNS query rows; see {@link #of(RowSchema, String...)}. */
  public static SortKey of(String... columns) {
    return of(RowSchema.get(), columns);
  }

  /**
   * The key of the given columns of {@code schema} followed by event_id.
   *
   * @throws IllegalArgumentException naming a column the schema lacks or a repeated one
   */
  public static SortKey of(RowSchema schema, String... columns) {
    int eventId = schema.indexOf("event_id");
    List<String> names = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (String c : columns) {
      String name = c.trim();
      if (name.isEmpty()) {
        continue;
      }
      int i;
      try {
        i = schema.indexOf(name);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(
            "no column " + name + " in the " + schema.kindName() + " row schema");
      }
      if (idx.contains(i)) {
        throw new IllegalArgumentException("column " + name + " given twice");
      }
      if (i != eventId) {
        names.add(name);
        idx.add(i);
      }
    }
    names.add("event_id");
    idx.add(eventId);
    return new SortKey(
        schema, idx.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names));
  }

  /**
   * A hash of the event_id of the datum last walked by {@link #encodeFromDatum} (whose bytes are
   * {@code datum}): the same in every JVM for every copy of a row, so that slicing a partition by
   * it keeps all copies in one slice. Null event_ids hash to 0.
   */
  public int eventIdHash(byte[] datum) {
    int k = fields.length - 1;
    if (capNull[k]) {
      return 0;
    }
    int h = 0x9747b28c;
    for (int i = capOff[k], end = i + capLen[k]; i < end; i++) {
      h = 31 * h + datum[i];
    }
    // murmur3's finaliser: every input bit reaches the low bits a modulo looks at
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
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
          writeString(out, t.bytes(), 0, t.length());
      }
    }
  }

  private static void writeLong(ByteSink out, long v) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((byte) (v >>> s));
    }
  }

  /**
   * Key bytes {@code [from, from + 8)} as an unsigned number (zero-padded), for cheap first
   * comparisons.
   */
  public static long prefix(byte[] key, int off, int len, int from) {
    long p = 0;
    int n = Math.min(len - from, 8);
    for (int i = 0; i < n; i++) {
      p |= (key[off + from + i] & 0xFFL) << (56 - 8 * i);
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
