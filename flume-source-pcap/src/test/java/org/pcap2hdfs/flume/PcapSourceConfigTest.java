package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.config.ConfigException;

/** The TCP gap timeout reaches the decoder, and a bad value is refused naming its key. */
class PcapSourceConfigTest {
  @TempDir Path spool;

  private PcapSourceConfig config(Map<String, String> extra) {
    Map<String, String> p = new HashMap<>(extra);
    p.put("spoolDir", spool.toString());
    return new PcapSourceConfig(p);
  }

  @Test
  void tcpGapTimeoutDefaultsToThreeSecondsAndIsRead() {
    assertThat(config(Map.of()).decoder.reassembly.tcpGapTimeoutMicros).isEqualTo(3_000_000);
    assertThat(config(Map.of("tcpGapTimeoutMs", "750")).decoder.reassembly.tcpGapTimeoutMicros)
        .isEqualTo(750_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "60001", "3s"})
  void badTcpGapTimeoutsAreRefused(String value) {
    assertThatThrownBy(() -> config(Map.of("tcpGapTimeoutMs", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tcpGapTimeoutMs");
  }
}
