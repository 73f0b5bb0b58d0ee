package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache changes the cost, never the answer. */
class PseudonymMaskerTest {

  @Test
  void cachedAnswersEqualComputedOnesAcrossCollisions() {
    Random random = new Random(3);
    byte[] key = CryptoPanTest.randomKey(random);
    CryptoPan direct = new CryptoPan(key);
    for (int cacheSize : new int[] {0, 1, 7, 64}) {
      PseudonymMasker cached = new PseudonymMasker(new CryptoPan(key), cacheSize);
      byte[][] clients = new byte[100][];
      for (int i = 0; i < clients.length; i++) {
        clients[i] = new byte[i % 3 == 0 ? 16 : 4];
        random.nextBytes(clients[i]);
      }
      for (int round = 0; round < 5; round++) {
        for (byte[] a : clients) {
          byte[] expected = new byte[a.length];
          byte[] got = new byte[a.length];
          direct.anonymize(a, 0, a.length, expected, 0);
          cached.mask(a, 0, a.length, got, 0);
          assertThat(got).as("cache %d", cacheSize).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aClientSeenAgainCostsNoAes() {
    PseudonymMasker m = new PseudonymMasker(new CryptoPan(new byte[32]), 1024);
    byte[] v4 = {(byte) 198, 51, 100, 7};
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[15] = 1;
    byte[] out = new byte[16];
    for (int i = 0; i < 10; i++) {
      m.mask(v4, 0, 4, out, 0);
      m.mask(v6, 0, 16, out, 0);
    }
    assertThat(m.misses()).isEqualTo(2);
  }

  @Test
  void aSubnetPseudonymIsThePrefixOfItsClientsPseudonyms() {
    CryptoPan cp = new CryptoPan(CryptoPanTest.REFERENCE_KEY);
    ClientAddresses c = new ClientAddresses(new PseudonymMasker(cp, 16));
    byte[] client = {(byte) 128, 11, 68, (byte) 132};
    byte[] pseudonym = new byte[4];
    c.client(client, 4, pseudonym); // 135.242.180.132
    byte[] subnet = {(byte) 128, 11, 68, 0};
    c.subnet(subnet, 4, 24);
    assertThat(subnet).isEqualTo(new byte[] {pseudonym[0], pseudonym[1], pseudonym[2], 0});
  }

  @Test
  void aPopularClientStaysWhileRareOnesComeAndGo() {
    PseudonymMasker m = new PseudonymMasker(new CryptoPan(new byte[32]), 4); // one set of 4
    byte[] popular = {(byte) 198, 51, 100, 1};
    byte[] out = new byte[4];
    for (int rare = 0; rare < 50; rare++) {
      m.mask(popular, 0, 4, out, 0);
      m.mask(new byte[] {(byte) 203, 0, 113, (byte) rare}, 0, 4, out, 0);
    }
    assertThat(m.misses()).isEqualTo(1 + 50);
  }
}
