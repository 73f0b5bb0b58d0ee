package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crypto-PAn against published vectors, and its properties: prefix preservation, determinism per
 * key, different keys giving different pseudonyms.
 */
class CryptoPanTest {
  /**
   * The sample key of the Crypto-PAn reference distribution (Xu et al., Georgia Tech); the vectors
   * below are pairs of its sample_trace_raw.dat / sample_trace_sanitized.dat as quoted in Yawning
   * Angel's Go implementation's cryptopan_test.go, which also gives the IPv6 vectors.
   */
  static final byte[] REFERENCE_KEY = {
    21,
    34,
    23,
    (byte) 141,
    51,
    (byte) 164,
    (byte) 207,
    (byte) 128,
    19,
    10,
    91,
    22,
    73,
    (byte) 144,
    125,
    16,
    (byte) 216,
    (byte) 152,
    (byte) 143,
    (byte) 131,
    121,
    121,
    101,
    39,
    98,
    87,
    76,
    45,
    42,
    (byte) 132,
    34,
    2
  };

  private static final String[][] REFERENCE_IPV4 = {
    {"128.11.68.132", "135.242.180.132"},
    {"129.118.74.4", "134.136.186.123"},
    {"130.132.252.244", "133.68.164.234"},
    {"141.223.7.43", "141.167.8.160"},
    {"141.233.145.108", "141.129.237.235"},
    {"152.163.225.39", "151.140.114.167"},
    {"156.29.3.236", "147.225.12.42"},
    {"165.247.96.84", "162.9.99.234"},
    {"166.107.77.190", "160.132.178.185"},
    {"192.102.249.13", "252.138.62.131"},
    {"198.200.171.101", "249.199.68.213"},
    {"204.184.162.189", "243.192.77.90"},
    {"207.33.151.131", "241.1.233.131"},
    {"24.0.250.221", "100.15.198.226"},
    {"4.3.88.225", "124.60.155.63"},
    {"64.14.118.196", "0.255.183.58"},
    {"10.185.25.118", "117.161.29.118"},
  };

  private static final String[][] REFERENCE_IPV6 = {
    {"::1", "78ff:f001:9fc0:20df:8380:b1f1:704:ed"},
    {"::2", "78ff:f001:9fc0:20df:8380:b1f1:704:ef"},
    {"::ffff", "78ff:f001:9fc0:20df:8380:b1f1:704:f838"},
    {"2001:db8::1", "4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e"},
    {"2001:db8::2", "4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1c"},
  };

  @Test
  void matchesTheReferenceImplementationsSampleTrace() throws Exception {
    CryptoPan cp = new CryptoPan(REFERENCE_KEY);
    for (String[] v : REFERENCE_IPV4) {
      assertThat(pseudonym(cp, v[0])).as(v[0]).isEqualTo(InetAddress.getByName(v[1]));
    }
  }

  @Test
  void matchesPublishedIpv6Vectors() throws Exception {
    CryptoPan cp = new CryptoPan(REFERENCE_KEY);
    for (String[] v : REFERENCE_IPV6) {
      assertThat(pseudonym(cp, v[0])).as(v[0]).isEqualTo(InetAddress.getByName(v[1]));
    }
  }

  /** The key 0, 1, ..., 31 with the examples of pycryptopan / yacryptopan. */
  @Test
  void matchesThePythonImplementationsExamples() throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) i;
    }
    CryptoPan cp = new CryptoPan(key);
    assertThat(pseudonym(cp, "192.0.2.1")).isEqualTo(InetAddress.getByName("2.90.93.17"));
    assertThat(pseudonym(cp, "2001:db8::1"))
        .isEqualTo(InetAddress.getByName("dd92:2c44:3fc0:ff1e:7ff9:c7f0:8180:7e00"));
  }

  @Test
  void twoAddressesSharingExactlyKBitsGivePseudonymsSharingExactlyKBits() {
    Random random = new Random(42);
    CryptoPan cp = new CryptoPan(randomKey(random));
    for (int length : new int[] {4, 16}) {
      for (int k = 0; k <= length * 8; k++) {
        for (int trial = 0; trial < 3; trial++) {
          byte[] a = new byte[length];
          random.nextBytes(a);
          byte[] b = withCommonPrefix(a, k, random);
          assertThat(commonPrefix(a, b)).isEqualTo(k);
          byte[] pa = new byte[length];
          byte[] pb = new byte[length];
          cp.anonymize(a, 0, length, pa, 0);
          cp.anonymize(b, 0, length, pb, 0);
          assertThat(commonPrefix(pa, pb)).as("%d bytes, prefix %d", length, k).isEqualTo(k);
        }
      }
    }
  }

  @Test
  void sameKeySamePseudonymOtherKeyAnother() throws Exception {
    Random random = new Random(7);
    byte[] key = randomKey(random);
    byte[] other = key.clone();
    other[31] ^= 1; // only the pad secret differs
    CryptoPan one = new CryptoPan(key);
    CryptoPan again = new CryptoPan(key.clone());
    CryptoPan another = new CryptoPan(other);
    int differing = 0;
    for (int i = 0; i < 200; i++) {
      byte[] a = new byte[i % 2 == 0 ? 4 : 16];
      random.nextBytes(a);
      byte[] p1 = new byte[a.length];
      byte[] p2 = new byte[a.length];
      byte[] p3 = new byte[a.length];
      one.anonymize(a, 0, a.length, p1, 0);
      again.anonymize(a, 0, a.length, p2, 0);
      another.anonymize(a, 0, a.length, p3, 0);
      assertThat(p2).isEqualTo(p1);
      if (!java.util.Arrays.equals(p1, p3)) {
        differing++;
      }
    }
    assertThat(differing).isEqualTo(200);
  }

  @Test
  void worksAtAnOffsetAndInPlace() throws Exception {
    CryptoPan cp = new CryptoPan(REFERENCE_KEY);
    byte[] buffer = new byte[8];
    System.arraycopy(InetAddress.getByName("128.11.68.132").getAddress(), 0, buffer, 3, 4);
    cp.anonymize(buffer, 3, 4, buffer, 3);
    byte[] out = java.util.Arrays.copyOfRange(buffer, 3, 7);
    assertThat(InetAddress.getByAddress(out)).isEqualTo(InetAddress.getByName("135.242.180.132"));
  }

  @Test
  void refusesKeysAndAddressesOfOtherLengths() {
    assertThatThrownBy(() -> new CryptoPan(new byte[16])).hasMessageContaining("32 bytes, not 16");
    CryptoPan cp = new CryptoPan(REFERENCE_KEY);
    assertThatThrownBy(() -> cp.anonymize(new byte[8], 0, 8, new byte[8], 0))
        .hasMessageContaining("4 or 16 bytes, not 8");
  }

  static InetAddress pseudonym(CryptoPan cp, String address) throws Exception {
    byte[] a = InetAddress.getByName(address).getAddress();
    if (address.contains(":") && a.length == 4) {
      throw new AssertionError("Java read " + address + " as IPv4");
    }
    byte[] out = new byte[a.length];
    cp.anonymize(a, 0, a.length, out, 0);
    return InetAddress.getByAddress(out);
  }

  static byte[] randomKey(Random random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }

  /**
   * An address with the first k bits of {@code a}, bit k flipped (if any) and random bits after.
   */
  static byte[] withCommonPrefix(byte[] a, int k, Random random) {
    byte[] b = new byte[a.length];
    random.nextBytes(b);
    for (int bit = 0; bit < a.length * 8; bit++) {
      boolean v = bit < k ? bitAt(a, bit) : bit == k ? !bitAt(a, bit) : bitAt(b, bit);
      int i = bit / 8;
      int m = 0x80 >>> (bit % 8);
      b[i] = (byte) (v ? b[i] | m : b[i] & ~m);
    }
    return b;
  }

  static int commonPrefix(byte[] a, byte[] b) {
    for (int bit = 0; bit < a.length * 8; bit++) {
      if (bitAt(a, bit) != bitAt(b, bit)) {
        return bit;
      }
    }
    return a.length * 8;
  }

  static boolean bitAt(byte[] a, int bit) {
    return (a[bit / 8] & (0x80 >>> (bit % 8))) != 0;
  }
}
