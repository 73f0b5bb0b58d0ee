package org.pcap2hdfs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whole-capture decoding of arbitrary bytes: compression detection, pcap and pcapng reading, link
 * layers, IPv4/IPv6 with fragment reassembly, UDP and TCP with stream reassembly, DNS parsing, the
 * join and the Avro encoding of rows. Seeds: small test captures, in {@code
 * CaptureFuzzTestInputs/decode} (crash inputs found by fuzzing are kept there too and replayed by
 * every {@code ./mvnw verify}).
 */
class CaptureFuzzTest {
  static {
    FuzzDecode.warmUp();
  }

  /** The long-run entry point of the Jazzer command line (see README, Fuzzing). */
  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    FuzzDecode.capture(data);
  }

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] data) throws Exception {
    fuzzerTestOneInput(data);
  }
}
