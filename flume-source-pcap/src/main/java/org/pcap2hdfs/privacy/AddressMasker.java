package org.pcap2hdfs.privacy;

/** Replaces a client address by what may be kept of it: a truncation or a pseudonym. */
public interface AddressMasker {
  /**
   * Writes the masked form of the 4 (IPv4) or 16 (IPv6) bytes at {@code in[off]} to {@code
   * out[outOff]}; {@code in} and {@code out} may be the same array at the same offset.
   */
  void mask(byte[] in, int off, int length, byte[] out, int outOff);
}
