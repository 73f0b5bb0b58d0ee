package org.pcap2hdfs.interceptor.resolver;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Longest-prefix match over IPv4 and IPv6 prefixes, each labelled. Built by flattening the (nested
 * or disjoint) prefixes into sorted, disjoint ranges that carry the label of their most specific
 * prefix; a lookup is one binary search over the range starts, allocation-free.
 */
final class PrefixTable {
  private static final BigInteger V6_BITS = BigInteger.ONE.shiftLeft(128);

  private final long[] v4Starts;
  private final String[] v4Labels;
  private final long[] v6High;
  private final long[] v6Low;
  private final String[] v6Labels;
  private final int prefixes;

  private PrefixTable(Ranges v4, Ranges v6, int prefixes) {
    this.prefixes = prefixes;
    v4Starts = new long[v4.starts.size()];
    v4Labels = v4.labels.toArray(new String[0]);
    for (int i = 0; i < v4Starts.length; i++) {
      v4Starts[i] = v4.starts.get(i).longValueExact();
    }
    v6High = new long[v6.starts.size()];
    v6Low = new long[v6High.length];
    v6Labels = v6.labels.toArray(new String[0]);
    for (int i = 0; i < v6High.length; i++) {
      BigInteger s = v6.starts.get(i);
      v6High[i] = s.shiftRight(64).longValue();
      v6Low[i] = s.longValue();
    }
  }

  int prefixes() {
    return prefixes;
  }

  /** The label of the most specific prefix holding the IPv4 address {@code a[0..3]}, or null. */
  String lookup4(byte[] a) {
    long x =
        ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
    int lo = 0;
    int hi = v4Starts.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (v4Starts[mid] <= x) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : v4Labels[found];
  }

  /** The label of the most specific prefix holding the IPv6 address {@code a[0..15]}, or null. */
  String lookup6(byte[] a) {
    long xh = 0;
    long xl = 0;
    for (int i = 0; i < 8; i++) {
      xh = (xh << 8) | (a[i] & 0xFF);
      xl = (xl << 8) | (a[i + 8] & 0xFF);
    }
    int lo = 0;
    int hi = v6High.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(v6High[mid], xh);
      if (c == 0) {
        c = Long.compareUnsigned(v6Low[mid], xl);
      }
      if (c <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : v6Labels[found];
  }

  /** Collects prefixes; a prefix given twice keeps its first label. */
  static final class Builder {
    private final List<Prefix> v4 = new ArrayList<>();
    private final List<Prefix> v6 = new ArrayList<>();

    /**
     * @param address 4 or 16 bytes; bits past the prefix length are ignored
     */
    Builder add(byte[] address, int length, int bytes, String label) {
      int bits = bytes * 8;
      if (length < 0 || length > bits) {
        throw new IllegalArgumentException("prefix length " + length + " outside 0.." + bits);
      }
      byte[] unsigned = new byte[bytes + 1];
      System.arraycopy(address, 0, unsigned, 1, bytes);
      BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
      BigInteger start = new BigInteger(unsigned).andNot(hostMask);
      (bytes == 4 ? v4 : v6).add(new Prefix(start, start.add(hostMask), length, label));
      return this;
    }

    PrefixTable build() {
      return new PrefixTable(flatten(v4), flatten(v6), v4.size() + v6.size());
    }
  }

  private static final class Prefix {
    final BigInteger start;
    final BigInteger end; // inclusive
    final int length;
    final String label;

    Prefix(BigInteger start, BigInteger end, int length, String label) {
      this.start = start;
      this.end = end;
      this.length = length;
      this.label = label;
    }
  }

  /** Disjoint ranges: range i runs from starts[i] to starts[i + 1] - 1; a null label is a gap. */
  private static final class Ranges {
    final List<BigInteger> starts = new ArrayList<>();
    final List<String> labels = new ArrayList<>();

    void add(BigInteger start, String label) {
      int last = starts.size() - 1;
      if (last >= 0 && starts.get(last).equals(start)) {
        labels.set(last, label); // an empty range before: replace it
        if (last > 0 && java.util.Objects.equals(labels.get(last - 1), label)) {
          starts.remove(last);
          labels.remove(last);
        }
      } else if (last < 0 || !java.util.Objects.equals(labels.get(last), label)) {
        starts.add(start);
        labels.add(label);
      }
    }
  }

  /**
   * CIDR prefixes are disjoint or nested. Sorted by start, widest first, a sweep with a stack of
   * the prefixes that hold the current position gives each stretch the innermost label.
   */
  private static Ranges flatten(List<Prefix> prefixes) {
    List<Prefix> sorted = new ArrayList<>(prefixes);
    sorted.sort(Comparator.comparing((Prefix p) -> p.start).thenComparingInt(p -> p.length));
    Ranges out = new Ranges();
    Deque<Prefix> open = new ArrayDeque<>();
    Prefix previous = null;
    for (Prefix p : sorted) {
      if (previous != null && previous.start.equals(p.start) && previous.length == p.length) {
        continue; // duplicate: the first label stays
      }
      previous = p;
      while (!open.isEmpty() && open.peek().end.compareTo(p.start) < 0) {
        closeInnermost(open, out);
      }
      out.add(p.start, p.label);
      open.push(p);
    }
    while (!open.isEmpty()) {
      closeInnermost(open, out);
    }
    return out;
  }

  /** Ends the innermost open prefix: after it the next outer one (or nothing) applies. */
  private static void closeInnermost(Deque<Prefix> open, Ranges out) {
    Prefix done = open.pop();
    BigInteger after = done.end.add(BigInteger.ONE);
    if (after.bitLength() > 128 || after.equals(V6_BITS)) {
      return;
    }
    if (!open.isEmpty() && open.peek().end.compareTo(done.end) <= 0) {
      return; // the outer one ends here too; it will add the range after it
    }
    out.add(after, open.isEmpty() ? null : open.peek().label);
  }
}
