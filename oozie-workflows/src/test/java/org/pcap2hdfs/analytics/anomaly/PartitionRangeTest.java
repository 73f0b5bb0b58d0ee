package org.pcap2hdfs.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionRangeTest {
  @Test
  void coversTheUtcDaysOfAHalfOpenRange() {
    long from = Instant.parse("2026-12-30T23:00:00Z").toEpochMilli();
    long to = Instant.parse("2027-01-02T00:00:00Z").toEpochMilli();
    assertThat(PartitionRange.sql(from, to))
        .isEqualTo("year * 10000 + month * 100 + day BETWEEN 20261230 AND 20270101");
  }
}
