package org.pcap2hdfs.privacy;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-PAn (Xu, Fan, Ammar, Moon 2002): a keyed, prefix-preserving pseudonym of an IPv4 or IPv6
 * address. Bit i of the pseudonym is bit i of the address XOR the first bit of AES(k, the first i
 * bits of the address followed by the pad's remaining bits), so two addresses sharing exactly a
 * k-bit prefix have pseudonyms sharing exactly a k-bit prefix. The 32-byte key is the reference
 * implementation's: bytes 0-15 the AES-128 key, the pad AES(k, bytes 16-31). IPv6 extends the same
 * scheme to 128 positions (as Yawning Angel's and the yacryptopan implementations do).
 *
 * <p>One AES block per address bit (32 or 128): callers cache ({@link PseudonymMasker}). Not
 * thread-safe: one instance per thread.
 */
public final class CryptoPan {
  /** Key length in bytes: AES key and pad secret. */
  public static final int KEY_BYTES = 32;

  private final Cipher aes;
  private final long padHi;
  private final long padLo;
  private final byte[] blocks = new byte[16 * 128];
  private final byte[] encrypted = new byte[16 * 128];

  public CryptoPan(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a Crypto-PAn key has 32 bytes, not " + key.length);
    }
    try {
      aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"));
      byte[] pad = aes.doFinal(key, 16, 16);
      padHi = readLong(pad, 0);
      padLo = readLong(pad, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
    }
  }

  /**
   * The pseudonym of the 4 (IPv4) or 16 (IPv6) bytes at {@code in[off]}, into {@code out[outOff]}.
   */
  public void anonymize(byte[] in, int off, int length, byte[] result, int outOff) {
    long hi;
    long lo;
    if (length == 4) {
      hi = (readInt(in, off) & 0xFFFF_FFFFL) << 32;
      lo = 0;
    } else if (length == 16) {
      hi = readLong(in, off);
      lo = readLong(in, off + 8);
    } else {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + length);
    }
    // Block i depends on the address only, not on other blocks' output: all of them go through
    // the cipher in one ECB call (the per-call overhead is most of the cost of one block).
    int bits = length * 8;
    for (int pos = 0; pos < bits; pos++) {
      long maskHi = pos >= 64 ? -1L : pos == 0 ? 0 : -1L << (64 - pos);
      long maskLo = pos <= 64 ? 0 : -1L << (128 - pos);
      writeLong(blocks, 16 * pos, (hi & maskHi) | (padHi & ~maskHi));
      writeLong(blocks, 16 * pos + 8, (lo & maskLo) | (padLo & ~maskLo));
    }
    try {
      aes.update(blocks, 0, 16 * bits, encrypted, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e); // the output array fits every block
    }
    long otpHi = 0;
    long otpLo = 0;
    for (int pos = 0; pos < bits; pos++) {
      long bit = (encrypted[16 * pos] >>> 7) & 1;
      if (pos < 64) {
        otpHi |= bit << (63 - pos);
      } else {
        otpLo |= bit << (127 - pos);
      }
    }
    hi ^= otpHi;
    lo ^= otpLo;
    if (length == 4) {
      writeInt(result, outOff, (int) (hi >>> 32));
    } else {
      writeLong(result, outOff, hi);
      writeLong(result, outOff + 8, lo);
    }
  }

  static long readLong(byte[] b, int p) {
    return (readInt(b, p) & 0xFFFF_FFFFL) << 32 | (readInt(b, p + 4) & 0xFFFF_FFFFL);
  }

  static int readInt(byte[] b, int p) {
    return (b[p] & 0xFF) << 24
        | (b[p + 1] & 0xFF) << 16
        | (b[p + 2] & 0xFF) << 8
        | (b[p + 3] & 0xFF);
  }

  static void writeLong(byte[] b, int p, long v) {
    writeInt(b, p, (int) (v >>> 32));
    writeInt(b, p + 4, (int) v);
  }

  static void writeInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
