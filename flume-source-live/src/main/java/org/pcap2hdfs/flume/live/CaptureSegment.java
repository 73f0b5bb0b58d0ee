package org.pcap2hdfs.flume.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One uninterrupted capture: from opening the interface to closing it (the source stops, or the
 * interface fails). It plays the part of a capture file: its {@link #name} is the rows' {@code
 * pcap_file} and, with the message index from 0, part of their event id.
 */
final class CaptureSegment {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  final String name;
  final int linkType;

  CaptureSegment(String name, int linkType) {
    this.name = name;
    this.linkType = linkType;
  }

  /** {@code live_<interface>_<UTC start, microseconds>}, e.g. live_eth0_20261206T193000.123456Z. */
  static String name(String interfaceName, long startMicros) {
    Instant start =
        Instant.ofEpochSecond(
            Math.floorDiv(startMicros, 1_000_000), Math.floorMod(startMicros, 1_000_000) * 1000L);
    return "live_" + interfaceName + "_" + STAMP.format(start);
  }
}
