package org.pcap2hdfs.compaction.parquet;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned integers (definition levels,
 * dictionary ids), over a whole array at once. A run of 8 or more equal values starting at a group
 * boundary becomes an RLE run; everything else is bit-packed in groups of 8 values (LSB first, up
 * to 63 groups per run, the last group padded with zeros). This is the same choice of runs as
 * parquet-mr's {@code RunLengthBitPackingHybridEncoder}.
 */
final class RleHybrid {
  private static final int MAX_GROUPS_PER_RUN = 63;

  private RleHybrid() {}

  /**
   * Appends the encoding of {@code values[0, n)} (each in {@code [0, 2^bitWidth)}) to {@code out},
   * without a length prefix.
   */
  static void encode(int[] values, int n, int bitWidth, PageBuffer out) {
    if (n == 0) {
      return;
    }
    int byteWidth = (bitWidth + 7) >>> 3;
    if (bitWidth == 0) {
      out.writeUnsignedVarInt(n << 1);
      return;
    }
    int header = -1;
    int groups = 0;
    int i = 0;
    while (i < n) {
      int x = values[i];
      int j = i + 1;
      while (j < n && values[j] == x) {
        j++;
      }
      if (j - i >= 8) {
        if (header >= 0) {
          out.setByte(header, (groups << 1) | 1);
          header = -1;
        }
        out.writeUnsignedVarInt((j - i) << 1);
        out.ensure(byteWidth);
        for (int k = 0; k < byteWidth; k++) {
          out.putByte(x >>> (8 * k));
        }
        i = j;
      } else {
        if (header >= 0 && groups == MAX_GROUPS_PER_RUN) {
          out.setByte(header, (groups << 1) | 1);
          header = -1;
        }
        if (header < 0) {
          header = out.length();
          out.writeByte(0);
          groups = 0;
        }
        pack8(values, i, n, bitWidth, out);
        groups++;
        i += 8;
      }
    }
    if (header >= 0) {
      out.setByte(header, (groups << 1) | 1);
    }
  }

  private static void pack8(int[] values, int i, int n, int bitWidth, PageBuffer out) {
    out.ensure(bitWidth);
    long acc = 0;
    int bits = 0;
    int end = Math.min(n, i + 8);
    for (int k = i; k < i + 8; k++) {
      long v = k < end ? values[k] & 0xFFFFFFFFL : 0;
      acc |= v << bits;
      bits += bitWidth;
      while (bits >= 8) {
        out.putByte((int) acc);
        acc >>>= 8;
        bits -= 8;
      }
    }
  }

  /** Bits needed for values up to {@code max} (0 for 0). */
  static int bitWidth(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }
}
