package org.pcap2hdfs.compaction.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dictionary of one string column chunk: distinct byte strings numbered in order of first
 * appearance, their bytes kept in one arena, found through an open-addressing hash table.
 */
final class BinaryDictionary {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] data = new byte[1 << 14];
  private int dataLength;
  private int[] offsets = new int[256];
  private int[] lengths = new int[256];
  private int[] hashes = new int[256];
  private int size;
  private int[] slots; // id + 1; 0 = empty
  private int mask;

  BinaryDictionary() {
    slots = new int[1 << 10];
    mask = slots.length - 1;
  }

  int size() {
    return size;
  }

  byte[] data() {
    return data;
  }

  int offset(int id) {
    return offsets[id];
  }

  int length(int id) {
    return lengths[id];
  }

  /** Whether entry {@code id} holds the bytes {@code b[off, off + len)}. */
  boolean matches(int id, byte[] b, int off, int len) {
    int o = offsets[id];
    return lengths[id] == len && Arrays.equals(data, o, o + len, b, off, off + len);
  }

  /** The id of {@code b[off, off + len)}, added when new (then the id is {@code size() - 1}). */
  int idOf(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    int i = h & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return add(b, off, len, h, i);
      }
      int id = s - 1;
      if (hashes[id] == h && matches(id, b, off, len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  private int add(byte[] b, int off, int len, int h, int slot) {
    int id = size;
    if (id == offsets.length) {
      offsets = Arrays.copyOf(offsets, id * 2);
      lengths = Arrays.copyOf(lengths, id * 2);
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    if (dataLength + len > data.length) {
      data = Arrays.copyOf(data, Math.max(dataLength + len, data.length * 2));
    }
    System.arraycopy(b, off, data, dataLength, len);
    offsets[id] = dataLength;
    lengths[id] = len;
    hashes[id] = h;
    dataLength += len;
    size = id + 1;
    slots[slot] = id + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int id = 0; id < size; id++) {
      int i = hashes[id] & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = id + 1;
    }
  }

  static int hash(byte[] b, int off, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h =
          Long.rotateLeft(h ^ ((long) LONGS.get(b, i) * 0xC2B2AE3D27D4EB4FL), 31)
              * 0x9E3779B97F4A7C15L;
    }
    long tail = 0;
    for (int s = 0; i < end; i++, s += 8) {
      tail |= (b[i] & 0xFFL) << s;
    }
    h ^= tail * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) h;
  }
}
