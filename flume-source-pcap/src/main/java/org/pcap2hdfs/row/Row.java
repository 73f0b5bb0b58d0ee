package org.pcap2hdfs.row;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the event schema as flat, reusable storage: a number slot, a null flag and (for
 * strings) a {@link Text} per field, positioned as in {@link RowSchema}. Field positions are the
 * constants of {@link Fields}.
 */
public final class Row {
  final RowSchema schema;
  final long[] values;
  final boolean[] nulls;
  final Text[] texts;

  /** A row of the DNS query schema. */
  public Row() {
    this(RowSchema.get());
  }

  public Row(RowSchema schema) {
    this.schema = schema;
    int n = schema.size();
    values = new long[n];
    nulls = new boolean[n];
    texts = new Text[n];
    for (int i = 0; i < n; i++) {
      if (schema.kind(i) == RowSchema.STRING) {
        texts[i] = new Text();
      }
    }
    clear();
  }

  public RowSchema schema() {
    return schema;
  }

  /** Sets every field to null. */
  public void clear() {
    Arrays.fill(nulls, true);
  }

  public void setNull(int field) {
    nulls[field] = true;
  }

  public boolean isNull(int field) {
    return nulls[field];
  }

  public void setInt(int field, int v) {
    values[field] = v;
    nulls[field] = false;
  }

  public void setLong(int field, long v) {
    values[field] = v;
    nulls[field] = false;
  }

  public void setBoolean(int field, boolean v) {
    values[field] = v ? 1 : 0;
    nulls[field] = false;
  }

  public void setDouble(int field, double v) {
    values[field] = Double.doubleToRawLongBits(v);
    nulls[field] = false;
  }

  /** Clears a string field, marks it non-null and returns it for appending. */
  public Text text(int field) {
    nulls[field] = false;
    return texts[field].clear();
  }

  public void setString(int field, String v) {
    if (v == null) {
      nulls[field] = true;
    } else {
      text(field).append(v);
    }
  }

  public int getInt(int field) {
    return (int) values[field];
  }

  public long getLong(int field) {
    return values[field];
  }

  public boolean getBoolean(int field) {
    return values[field] != 0;
  }

  public double getDouble(int field) {
    return Double.longBitsToDouble(values[field]);
  }

  /** The string value, or null. */
  public Text getText(int field) {
    return nulls[field] ? null : texts[field];
  }

  /** The string value as a {@code String}, or null (not for hot paths). */
  public String getString(int field) {
    return nulls[field] ? null : texts[field].toString();
  }

  public void copyFrom(Row o) {
    System.arraycopy(o.values, 0, values, 0, values.length);
    System.arraycopy(o.nulls, 0, nulls, 0, nulls.length);
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] != null && !o.nulls[i]) {
        texts[i].set(o.texts[i]);
      }
    }
  }

  /** The value of a field as a boxed Java object (Integer, Long, Boolean, Double, String). */
  public Object get(int field) {
    if (nulls[field]) {
      return null;
    }
    switch (schema.kind(field)) {
      case RowSchema.INT:
        return getInt(field);
      case RowSchema.LONG:
        return getLong(field);
      case RowSchema.BOOLEAN:
        return getBoolean(field);
      case RowSchema.DOUBLE:
        return getDouble(field);
      default:
        return texts[field].toString();
    }
  }

  /** Field name to boxed value, in schema order (for tests and reports). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(schema.name(i), get(i));
    }
    return m;
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
