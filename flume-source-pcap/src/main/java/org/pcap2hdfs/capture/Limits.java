package org.pcap2hdfs.capture;

/** Sanity bounds that tell a corrupt length field from a real one. */
final class Limits {
  /** Records up to this size are always accepted (tcpdump's own maximum snaplen). */
  static final int MAX_RECORD = 262_144;

  /** No record is accepted above this size, whatever the file header claims. */
  static final int MAX_RECORD_HARD = 16 * 1024 * 1024;

  private Limits() {}
}
