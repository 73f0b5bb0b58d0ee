package org.pcap2hdfs.privacy;

/**
 * Crypto-PAn pseudonyms with a bounded cache: a direct-mapped table per address family, so a client
 * seen again costs a hash and a compare instead of 32 or 128 AES blocks, and memory stays fixed
 * however many clients come (a miss overwrites its slot). Not thread-safe: one per stream.
 */
public final class PseudonymMasker implements AddressMasker {
  private final CryptoPan cryptoPan;
  private final int mask;
  private final int shift;
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
    int slots = cacheSize <= 0 ? 0 : Integer.highestOneBit(cacheSize);
    if (slots < cacheSize) {
      slots <<= 1;
    }
    mask = slots - 1;
    shift = slots <= 1 ? 32 : 32 - Integer.numberOfTrailingZeros(slots);
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
      int key = CryptoPan.readInt(in, off);
      int slot = slot(key * 0x9E37_79B9);
      if (!used4[slot] || keys4[slot] != key) {
        misses++;
        cryptoPan.anonymize(in, off, 4, scratch, 0);
        keys4[slot] = key;
        values4[slot] = CryptoPan.readInt(scratch, 0);
        used4[slot] = true;
      }
      CryptoPan.writeInt(out, outOff, values4[slot]);
    } else {
      long hi = CryptoPan.readLong(in, off);
      long lo = CryptoPan.readLong(in, off + 8);
      long h = (hi * 0x9E37_79B9_7F4A_7C15L) ^ (lo * 0xC2B2_AE3D_27D4_EB4FL);
      int slot = slot((int) (h ^ (h >>> 32)));
      if (!used6[slot] || keys6[2 * slot] != hi || keys6[2 * slot + 1] != lo) {
        misses++;
        cryptoPan.anonymize(in, off, 16, scratch, 0);
        keys6[2 * slot] = hi;
        keys6[2 * slot + 1] = lo;
        values6[2 * slot] = CryptoPan.readLong(scratch, 0);
        values6[2 * slot + 1] = CryptoPan.readLong(scratch, 8);
        used6[slot] = true;
      }
      CryptoPan.writeLong(out, outOff, values6[2 * slot]);
      CryptoPan.writeLong(out, outOff + 8, values6[2 * slot + 1]);
    }
  }

  private int slot(int hash) {
    return shift == 32 ? 0 : (hash >>> shift) & mask;
  }
}
