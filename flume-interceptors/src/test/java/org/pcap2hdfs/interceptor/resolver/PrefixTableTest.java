package org.pcap2hdfs.interceptor.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTableTest {
  private static byte[] bytes(BigInteger v, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[n - 1 - i] = v.shiftRight(8 * i).byteValue();
    }
    return out;
  }

  private static final class Entry {
    final BigInteger start;
    final int length;
    final String label;

    Entry(BigInteger start, int length, String label) {
      this.start = start;
      this.length = length;
      this.label = label;
    }
  }

  /** The longest prefix, the slow and obvious way (first label wins among duplicates). */
  private static String naive(List<Entry> entries, BigInteger x, int bits) {
    String best = null;
    int bestLength = -1;
    for (Entry e : entries) {
      BigInteger mask = BigInteger.ONE.shiftLeft(bits - e.length).subtract(BigInteger.ONE);
      if (x.andNot(mask).equals(e.start.andNot(mask)) && e.length > bestLength) {
        best = e.label;
        bestLength = e.length;
      }
    }
    return best;
  }

  private static void agreesWithNaiveLookup(int bytes, long seed) {
    int bits = bytes * 8;
    Random random = new Random(seed);
    List<Entry> entries = new ArrayList<>();
    PrefixTable.Builder b = new PrefixTable.Builder();
    // prefixes clustered under one /8 so that they nest, touch and overlap often
    BigInteger base = BigInteger.valueOf(random.nextInt(256)).shiftLeft(bits - 8);
    for (int i = 0; i < 300; i++) {
      int length = 8 + random.nextInt(bits == 32 ? 25 : 57);
      BigInteger start = base.or(new BigInteger(bits - 8, random));
      String label = "L" + random.nextInt(6);
      entries.add(new Entry(start, length, label));
      b.add(bytes(start, bytes), length, bytes, label);
    }
    entries.add(new Entry(BigInteger.ZERO, 0, "default-" + bits));
    b.add(new byte[bytes], 0, bytes, "default-" + bits);
    PrefixTable table = b.build();
    for (int i = 0; i < 4_000; i++) {
      BigInteger x;
      if (i % 2 == 0) { // near a prefix boundary
        Entry e = entries.get(random.nextInt(entries.size()));
        BigInteger mask = BigInteger.ONE.shiftLeft(bits - e.length).subtract(BigInteger.ONE);
        BigInteger edge = random.nextBoolean() ? e.start.andNot(mask) : e.start.or(mask);
        x = edge.add(BigInteger.valueOf(random.nextInt(3) - 1)).mod(BigInteger.ONE.shiftLeft(bits));
      } else {
        x = base.or(new BigInteger(bits - 8, random));
      }
      byte[] a = bytes(x, bytes);
      String actual = bytes == 4 ? table.lookup4(a) : table.lookup6(a);
      assertThat(actual).as("%s", x.toString(16)).isEqualTo(naive(entries, x, bits));
    }
  }

  @Test
  void ipv4AgreesWithANaiveLongestPrefixMatch() {
    agreesWithNaiveLookup(4, 4711);
  }

  @Test
  void ipv6AgreesWithANaiveLongestPrefixMatch() {
    agreesWithNaiveLookup(16, 815);
  }

  @Test
  void anEmptyTableAndTheEdgesOfTheAddressSpace() {
    PrefixTable empty = new PrefixTable.Builder().build();
    assertThat(empty.lookup4(new byte[] {1, 2, 3, 4})).isNull();
    assertThat(empty.lookup6(new byte[16])).isNull();

    byte[] top4 = {-1, -1, -1, -1};
    byte[] top6 = new byte[16];
    java.util.Arrays.fill(top6, (byte) -1);
    PrefixTable t =
        new PrefixTable.Builder()
            .add(top4, 24, 4, "top4")
            .add(top6, 64, 16, "top6")
            .add(new byte[4], 32, 4, "zero4")
            .build();
    assertThat(t.lookup4(top4)).isEqualTo("top4");
    assertThat(t.lookup4(new byte[] {-1, -1, -2, -1})).isNull();
    assertThat(t.lookup4(new byte[4])).isEqualTo("zero4");
    assertThat(t.lookup4(new byte[] {0, 0, 0, 1})).isNull();
    assertThat(t.lookup6(top6)).isEqualTo("top6");
    assertThat(t.lookup6(new byte[16])).isNull();
    assertThat(t.prefixes()).isEqualTo(3);
  }
}
