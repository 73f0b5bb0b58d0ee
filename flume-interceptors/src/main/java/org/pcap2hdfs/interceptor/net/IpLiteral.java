package org.pcap2hdfs.interceptor.net;

/**
 * Parses IP address literals from bytes: IPv4 dotted quads and IPv6 text (RFC 4291 section 2.2,
 * with {@code ::}, an embedded dotted quad and a {@code %zone} suffix, which is ignored). Never
 * resolves names: anything else is simply not an address. No allocation.
 */
public final class IpLiteral {
  private IpLiteral() {}

  /**
   * Parses {@code b[off, off + len)} into {@code out} (at least 16 bytes).
   *
   * @return 4 (IPv4, in {@code out[0..3]}), 16 (IPv6) or 0 when the text is not an address
   */
  public static int parse(byte[] b, int off, int len, byte[] out) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] == ':') {
        return parse6(b, off, end, out) ? 16 : 0;
      }
    }
    return parse4(b, off, end, out, 0) ? 4 : 0;
  }

  /** Parses a dotted quad filling {@code out[at, at + 4)}. */
  private static boolean parse4(byte[] b, int p, int end, byte[] out, int at) {
    for (int part = 0; part < 4; part++) {
      int start = p;
      int v = 0;
      while (p < end && p - start < 3 && b[p] >= '0' && b[p] <= '9') {
        v = v * 10 + (b[p++] - '0');
      }
      if (p == start || v > 255) {
        return false;
      }
      out[at + part] = (byte) v;
      if (part < 3) {
        if (p >= end || b[p] != '.') {
          return false;
        }
        p++;
      }
    }
    return p == end;
  }

  private static boolean parse6(byte[] b, int p, int end, byte[] out) {
    for (int i = p; i < end; i++) {
      if (b[i] == '%') {
        end = i;
        break;
      }
    }
    int groups = 0;
    int gap = -1; // group index where "::" stands
    if (end - p >= 2 && b[p] == ':' && b[p + 1] == ':') {
      gap = 0;
      p += 2;
    } else if (p < end && b[p] == ':') {
      return false;
    }
    while (p < end) {
      int start = p;
      int v = 0;
      int d;
      while (p < end && (d = hex(b[p])) >= 0) {
        v = (v << 4) | d;
        p++;
      }
      if (p < end && b[p] == '.') { // dotted quad in the last 32 bits
        if (groups > 6 || !parse4(b, start, end, out, groups * 2)) {
          return false;
        }
        groups += 2;
        p = end;
        break;
      }
      if (p == start || p - start > 4 || groups == 8) {
        return false;
      }
      out[groups * 2] = (byte) (v >>> 8);
      out[groups * 2 + 1] = (byte) v;
      groups++;
      if (p == end) {
        break;
      }
      if (b[p] != ':') {
        return false;
      }
      p++;
      if (p < end && b[p] == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = groups;
        p++;
      } else if (p == end) {
        return false;
      }
    }
    if (gap < 0) {
      return groups == 8;
    }
    if (groups > 7) {
      return false;
    }
    int tail = (groups - gap) * 2;
    int zeros = 16 - groups * 2;
    System.arraycopy(out, gap * 2, out, gap * 2 + zeros, tail);
    for (int i = gap * 2; i < gap * 2 + zeros; i++) {
      out[i] = 0;
    }
    return true;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Position of the first {@code '/'} in {@code b[off, off + len)}, or {@code off + len}. */
  public static int addressEnd(byte[] b, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] == '/') {
        return i;
      }
    }
    return end;
  }
}
