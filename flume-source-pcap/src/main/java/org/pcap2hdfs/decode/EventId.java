package org.pcap2hdfs.decode;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.row.Text;

/**
 * The deterministic row id: MurmurHash3 (x64, 128-bit, seed 0) of the UTF-8 server name, a zero
 * byte, the UTF-8 server location, a zero byte, the UTF-8 base name of the capture file, a zero
 * byte, and the index of the row's first message in that file as 8 big-endian bytes; written as 32
 * lower-case hex digits. The location is part of it because the anycast sites of one server often
 * name their capture files alike.
 */
public final class EventId {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private byte[] scratch = new byte[32];

  /** The id as a string (not for hot paths). */
  public static String of(String server, String location, String file, long messageIndex) {
    Text t = new Text();
    new EventId()
        .append(t, stream(server, location), file.getBytes(StandardCharsets.UTF_8), messageIndex);
    return t.toString();
  }

  /** The first part of the hashed bytes: the server, a zero byte, the location. */
  static byte[] stream(String server, String location) {
    return (server + '\0' + (location == null ? "" : location)).getBytes(StandardCharsets.UTF_8);
  }

  /** Appends the id of ({@link #stream}, file, index) to {@code out}. */
  public void append(Text out, byte[] server, byte[] file, long messageIndex) {
    if (server != cachedServer || file != cachedFile) {
      prepare(server, file);
    }
    // The prefix's whole 16-byte blocks are hashed once per file; per row only its last bytes and
    // the index are.
    byte[] b = scratch;
    int rest = prefixLength - prefixBlocksEnd;
    System.arraycopy(prefix, prefixBlocksEnd, b, 0, rest);
    int p = rest;
    for (int i = 7; i >= 0; i--) {
      b[p++] = (byte) (messageIndex >>> (8 * i));
    }
    h1 = prefixH1;
    h2 = prefixH2;
    int blocks = p / 16;
    mixBlocks(b, 0, blocks);
    finish(b, blocks * 16, p - blocks * 16, prefixLength + 8);
    appendHex64(out, h1);
    appendHex64(out, h2);
  }

  private byte[] cachedServer;
  private byte[] cachedFile;
  private byte[] prefix = new byte[128];
  private int prefixLength;
  private int prefixBlocksEnd;
  private long prefixH1;
  private long prefixH2;
  private long h1;
  private long h2;

  /** Hashes the whole blocks of server, 0, file, 0 and keeps the state. */
  private void prepare(byte[] server, byte[] file) {
    cachedServer = server;
    cachedFile = file;
    prefixLength = server.length + file.length + 2;
    if (prefix.length < prefixLength) {
      prefix = new byte[prefixLength * 2];
    }
    System.arraycopy(server, 0, prefix, 0, server.length);
    prefix[server.length] = 0;
    System.arraycopy(file, 0, prefix, server.length + 1, file.length);
    prefix[prefixLength - 1] = 0;
    prefixBlocksEnd = prefixLength / 16 * 16;
    h1 = 0;
    h2 = 0;
    mixBlocks(prefix, 0, prefixLength / 16);
    prefixH1 = h1;
    prefixH2 = h2;
    if (scratch.length < 32) {
      scratch = new byte[32];
    }
  }

  private void mixBlocks(byte[] data, int from, int blocks) {
    long a = h1;
    long c = h2;
    for (int i = 0; i < blocks; i++) {
      long k1 = le64(data, from + i * 16);
      long k2 = le64(data, from + i * 16 + 8);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      a ^= k1;
      a = Long.rotateLeft(a, 27);
      a += c;
      a = a * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      c ^= k2;
      c = Long.rotateLeft(c, 31);
      c += a;
      c = c * 5 + 0x38495ab5;
    }
    h1 = a;
    h2 = c;
  }

  /** The tail (fewer than 16 bytes) and the finalization, over the whole input's length. */
  private void finish(byte[] data, int tail, int rest, int length) {
    long k1 = 0;
    long k2 = 0;
    for (int i = rest - 1; i >= 8; i--) {
      k2 ^= (long) (data[tail + i] & 0xFF) << (8 * (i - 8));
    }
    for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
      k1 ^= (long) (data[tail + i] & 0xFF) << (8 * i);
    }
    if (rest > 8) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
    }
    if (rest > 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long le64(byte[] b, int p) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static void appendHex64(Text out, long v) {
    byte[] b = out.reserve(16);
    int p = out.length();
    for (int shift = 60; shift >= 0; shift -= 4) {
      b[p++] = HEX[(int) (v >>> shift) & 0xF];
    }
    out.advance(16);
  }
}
