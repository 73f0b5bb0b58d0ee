package org.pcap2hdfs.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Whole-row comparison keyed by {@code event_id} whose failure says what differs in a few lines
 * (counts, the first missing/extra/doubled ids, the first differing row and its differing columns)
 * instead of printing tens of thousands of rows.
 */
public final class RowDiff {
  private static final int SHOWN = 3;

  private RowDiff() {}

  /** Every column of every row, by {@code event_id} (a doubled id fails). */
  public static void assertSameRows(
      Collection<GenericRecord> got, Collection<GenericRecord> expected) {
    assertSame(columns(got), columns(expected));
  }

  /** Rows by {@code event_id}, each as column name to value (text of the value, null kept). */
  public static SortedMap<String, Map<String, String>> columns(Collection<GenericRecord> rows) {
    SortedMap<String, Map<String, String>> out = new TreeMap<>();
    List<String> doubled = new ArrayList<>();
    for (GenericRecord r : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (Schema.Field f : r.getSchema().getFields()) {
        Object v = r.get(f.pos());
        m.put(f.name(), v == null ? null : v.toString());
      }
      if (out.put(m.get("event_id"), m) != null) {
        doubled.add(m.get("event_id"));
      }
    }
    if (!doubled.isEmpty()) {
      throw new AssertionError(
          doubled.size()
              + " event_ids more than once among "
              + rows.size()
              + " rows, first "
              + doubled.subList(0, Math.min(SHOWN, doubled.size())));
    }
    return out;
  }

  /** Rows given as column maps (e.g. {@code Row.toMap()}), by {@code event_id} (doubled fails). */
  public static SortedMap<String, Map<String, Object>> byEventId(
      Collection<? extends Map<String, Object>> rows) {
    SortedMap<String, Map<String, Object>> out = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      Object id = r.get("event_id");
      if (out.put(String.valueOf(id), r) != null) {
        throw new AssertionError("event_id " + id + " twice among " + rows.size() + " rows");
      }
    }
    return out;
  }

  /**
   * Equal rows (same ids, same columns, equal values compared as text), or an {@link
   * AssertionError} naming the first differences.
   */
  public static void assertSame(
      SortedMap<String, ? extends Map<String, ?>> got,
      SortedMap<String, ? extends Map<String, ?>> expected) {
    String d = difference(got, expected);
    if (d != null) {
      throw new AssertionError(d);
    }
  }

  /** A short account of how {@code got} differs from {@code expected}, or null if it does not. */
  public static String difference(
      SortedMap<String, ? extends Map<String, ?>> got,
      SortedMap<String, ? extends Map<String, ?>> expected) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    int differing = 0;
    String first = null;
    for (Map.Entry<String, ? extends Map<String, ?>> e : expected.entrySet()) {
      Map<String, ?> g = got.get(e.getKey());
      if (g == null) {
        missing.add(e.getKey());
        continue;
      }
      String fields = fieldDifference(g, e.getValue());
      if (fields != null) {
        differing++;
        if (first == null) {
          first = "event_id " + e.getKey() + ": " + fields;
        }
      }
    }
    for (String id : got.keySet()) {
      if (!expected.containsKey(id)) {
        extra.add(id);
      }
    }
    if (missing.isEmpty() && extra.isEmpty() && differing == 0) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    s.append("rows: got ").append(got.size()).append(", expected ").append(expected.size());
    s.append("; ").append(missing.size()).append(" missing");
    if (!missing.isEmpty()) {
      s.append(" (first ").append(missing.subList(0, Math.min(SHOWN, missing.size()))).append(')');
    }
    s.append(", ").append(extra.size()).append(" extra");
    if (!extra.isEmpty()) {
      s.append(" (first ").append(extra.subList(0, Math.min(SHOWN, extra.size()))).append(')');
    }
    s.append(", ").append(differing).append(" differing");
    if (first != null) {
      s.append("; first differing ").append(first);
    }
    return s.toString();
  }

  private static String fieldDifference(Map<String, ?> got, Map<String, ?> expected) {
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(got.keySet());
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String name : names) {
      boolean inGot = got.containsKey(name);
      boolean inExpected = expected.containsKey(name);
      String g = text(got.get(name));
      String x = text(expected.get(name));
      if (inGot != inExpected || !Objects.equals(g, x)) {
        n++;
        if (out.size() < 5) {
          out.add(
              name
                  + " got "
                  + (inGot ? quote(g) : "(no such column)")
                  + ", expected "
                  + (inExpected ? quote(x) : "(no such column)"));
        }
      }
    }
    if (n == 0) {
      return null;
    }
    return n + " column(s) differ: " + String.join("; ", out) + (n > out.size() ? "; ..." : "");
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static String quote(String v) {
    if (v == null) {
      return "null";
    }
    return '"' + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + '"';
  }
}
