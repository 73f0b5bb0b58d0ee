package org.pcap2hdfs.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unaligned integer reads from byte arrays in either byte order. */
final class Bytes {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private Bytes() {}

  static int int32(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
  }

  static long uint32(byte[] b, int off, boolean bigEndian) {
    return int32(b, off, bigEndian) & 0xFFFFFFFFL;
  }

  static int uint16(byte[] b, int off, boolean bigEndian) {
    return (bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off)) & 0xFFFF;
  }
}
