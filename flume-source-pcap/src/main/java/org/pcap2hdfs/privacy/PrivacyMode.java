package org.pcap2hdfs.privacy;

import java.util.Locale;

/** What becomes of a client address. */
public enum PrivacyMode {
  /** As captured. */
  KEEP,
  /** The first bits kept, the others zero. */
  TRUNCATE,
  /** A keyed, prefix-preserving pseudonym (Crypto-PAn). */
  PSEUDONYM;

  /** The names as written in configurations. */
  static String[] names() {
    return new String[] {"keep", "truncate", "pseudonym"};
  }

  static PrivacyMode parse(String name) {
    return valueOf(name.toUpperCase(Locale.ENGLISH));
  }
}
