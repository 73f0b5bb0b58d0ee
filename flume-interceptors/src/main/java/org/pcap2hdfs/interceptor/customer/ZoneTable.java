package org.pcap2hdfs.interceptor.customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of customer zones answering "which zone does this name belong to": the
 * longest suffix of the name that ends a label boundary and is a zone ({@code www.a.example.ca} is
 * in {@code a.example.ca} before {@code example.ca}; {@code notexample.ca} is not in {@code
 * example.ca}). Case-insensitive (ASCII), trailing dots ignored. One pass over the name computes
 * the hash of every suffix; then an open-addressing table is probed from the longest suffix on.
 */
final class ZoneTable {
  static final ZoneTable EMPTY = new Builder().build();

  /** Names with more labels than this are matched on their last 127 labels only. */
  static final int MAX_LABELS = 127;

  /** Size of the scratch array {@link #match} needs. */
  static final int SCRATCH = 2 * MAX_LABELS;

  private final CustomerZone[] slots;
  private final int[] hashes;
  private final int mask;
  private final int size;

  private ZoneTable(List<CustomerZone> zones) {
    int capacity = Integer.highestOneBit(Math.max(4, zones.size() * 2 - 1)) << 1;
    slots = new CustomerZone[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
    size = zones.size();
    for (CustomerZone z : zones) {
      int h = hash(z.zone, 0, z.zone.length);
      int i = h & mask;
      while (slots[i] != null) {
        i = (i + 1) & mask;
      }
      slots[i] = z;
      hashes[i] = h;
    }
  }

  int size() {
    return size;
  }

  /**
   * The zone of the name {@code b[off, off + len)}, or null.
   *
   * @param scratch reused space of at least {@link #SCRATCH} entries
   */
  CustomerZone match(byte[] b, int off, int len, int[] scratch) {
    int end = off + len;
    while (end > off && b[end - 1] == '.') {
      end--;
    }
    if (end == off || size == 0) {
      return null;
    }
    // Right to left, h(i) = lower(b[i]) + 31 * h(i + 1) is the hash of the suffix b[i, end), the
    // same as hash() computes for a zone. Record (hash, start) where a label starts.
    int n = 0;
    int h = 0;
    for (int i = end - 1; i >= off && n < MAX_LABELS; i--) {
      h = lower(b[i]) + 31 * h;
      if (i == off || b[i - 1] == '.') {
        scratch[2 * n] = h;
        scratch[2 * n + 1] = i;
        n++;
      }
    }
    for (int k = n - 1; k >= 0; k--) { // longest suffix first
      CustomerZone z = find(scratch[2 * k], b, scratch[2 * k + 1], end);
      if (z != null) {
        return z;
      }
    }
    return null;
  }

  private CustomerZone find(int h, byte[] b, int from, int to) {
    for (int i = h & mask; ; i = (i + 1) & mask) {
      CustomerZone z = slots[i];
      if (z == null) {
        return null;
      }
      if (hashes[i] == h && equalsLower(z.zone, b, from, to)) {
        return z;
      }
    }
  }

  private static boolean equalsLower(byte[] zone, byte[] b, int from, int to) {
    if (zone.length != to - from) {
      return false;
    }
    for (int i = 0; i < zone.length; i++) {
      if (zone[i] != lower(b[from + i])) {
        return false;
      }
    }
    return true;
  }

  private static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = to - 1; i >= from; i--) {
      h = lower(b[i]) + 31 * h;
    }
    return h;
  }

  private static byte lower(byte c) {
    return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
  }

  /** Collects zones; a zone given twice keeps its last customer. */
  static final class Builder {
    private final Map<String, CustomerZone> zones = new LinkedHashMap<>();

    /**
     * Adds a zone; returns false (and adds nothing) when the zone is blank or only dots.
     *
     * @param zone any case, with or without a trailing dot
     */
    boolean add(String zone, String customerId, String customerName) {
      String z = normalize(zone);
      if (z == null) {
        return false;
      }
      zones.put(z, new CustomerZone(z, customerId, customerName));
      return true;
    }

    ZoneTable build() {
      return new ZoneTable(new ArrayList<>(zones.values()));
    }
  }

  /** Lower-case, trimmed, without trailing dots; null when nothing is left. */
  static String normalize(String zone) {
    if (zone == null) {
      return null;
    }
    String z = zone.trim().toLowerCase(Locale.ROOT);
    int end = z.length();
    while (end > 0 && z.charAt(end - 1) == '.') {
      end--;
    }
    return end == 0 ? null : z.substring(0, end);
  }
}
