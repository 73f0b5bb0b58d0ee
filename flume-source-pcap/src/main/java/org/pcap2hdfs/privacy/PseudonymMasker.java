package org.pcap2hdfs.privacy;

/**
 * Crypto-PAn pseudonyms with a bounded cache: per address family a 4-way set-associative table with
 * least-recently-used replacement inside each set, so a client seen again costs a hash and a few
 * compares instead of 32 or 128 AES blocks, a popular client is not pushed out by a rare one that
 * hashes to the same place (as it would be in a direct-mapped table), and memory stays fixed
 * however many clients come. Not thread-safe: one per stream.
 */
public final class PseudonymMasker implements AddressMasker {
  static final int WAYS = 4;

  private final CryptoPan cryptoPan;
  private final int setMask;
  private final boolean[] used4;
  private final int[] keys4;
  private final int[] values4;
  private final boolean[] used6;
  private final long[] keys6;
  private final long[] values6;
  private final byte[] scratch = new byte[16];
  private long misses;

  /**
   * @param cacheSize entries per address family, rounded up to a power of two; 0: no cache
   */
  public PseudonymMasker(CryptoPan cryptoPan, int cacheSize) {
    this.cryptoPan = cryptoPan;
    int sets = cacheSize <= 0 ? 0 : Math.max(1, Integer.highestOneBit(cacheSize) / WAYS);
    if (sets * WAYS < cacheSize) {
      sets <<= 1;
    }
    setMask = sets - 1;
    int slots = sets * WAYS;
    used4 = new boolean[slots];
    keys4 = new int[slots];
    values4 = new int[slots];
    used6 = new boolean[slots];
    keys6 = new long[2 * slots];
    values6 = new long[2 * slots];
  }

  /** Pseudonyms computed so far (cache misses). */
  public long misses() {
    return misses;
  }

  @Override
  public void mask(byte[] in, int off, int length, byte[] out, int outOff) {
    if (used4.length == 0) {
      misses++;
      cryptoPan.anonymize(in, off, length, out, outOff);
    } else if (length == 4) {
      CryptoPan.writeInt(out, outOff, ipv4(CryptoPan.readInt(in, off), in, off));
    } else {
      ipv6(CryptoPan.readLong(in, off), CryptoPan.readLong(in, off + 8), in, off, out, outOff);
    }
  }

  private int ipv4(int key, byte[] in, int off) {
    int h = key * 0x9E37_79B9;
    int base = ((h ^ (h >>> 16)) & setMask) * WAYS;
    for (int w = 0; w < WAYS; w++) {
      int i = base + w;
      if (used4[i] && keys4[i] == key) {
        int value = values4[i];
        if (w > 0) { // to the front of its set: the set's entries stay in order of last use
          System.arraycopy(keys4, base, keys4, base + 1, w);
          System.arraycopy(values4, base, values4, base + 1, w);
          keys4[base] = key;
          values4[base] = value;
        }
        return value;
      }
    }
    misses++;
    cryptoPan.anonymize(in, off, 4, scratch, 0);
    int value = CryptoPan.readInt(scratch, 0);
    System.arraycopy(keys4, base, keys4, base + 1, WAYS - 1);
    System.arraycopy(values4, base, values4, base + 1, WAYS - 1);
    System.arraycopy(used4, base, used4, base + 1, WAYS - 1);
    keys4[base] = key;
    values4[base] = value;
    used4[base] = true;
    return value;
  }

  private void ipv6(long hi, long lo, byte[] in, int off, byte[] out, int outOff) {
    long h = (hi * 0x9E37_79B9_7F4A_7C15L) ^ (lo * 0xC2B2_AE3D_27D4_EB4FL);
    int base = ((int) (h ^ (h >>> 29) ^ (h >>> 47)) & setMask) * WAYS;
    int hit = -1;
    for (int w = 0; w < WAYS; w++) {
      int i = base + w;
      if (used6[i] && keys6[2 * i] == hi && keys6[2 * i + 1] == lo) {
        hit = w;
        break;
      }
    }
    long vhi;
    long vlo;
    int shift;
    if (hit >= 0) {
      int i = base + hit;
      vhi = values6[2 * i];
      vlo = values6[2 * i + 1];
      shift = hit;
    } else {
      misses++;
      cryptoPan.anonymize(in, off, 16, scratch, 0);
      vhi = CryptoPan.readLong(scratch, 0);
      vlo = CryptoPan.readLong(scratch, 8);
      shift = WAYS - 1;
      System.arraycopy(used6, base, used6, base + 1, shift);
      used6[base] = true;
    }
    if (shift > 0) {
      System.arraycopy(keys6, 2 * base, keys6, 2 * base + 2, 2 * shift);
      System.arraycopy(values6, 2 * base, values6, 2 * base + 2, 2 * shift);
      keys6[2 * base] = hi;
      keys6[2 * base + 1] = lo;
      values6[2 * base] = vhi;
      values6[2 * base + 1] = vlo;
    }
    CryptoPan.writeLong(out, outOff, vhi);
    CryptoPan.writeLong(out, outOff + 8, vlo);
  }
}
