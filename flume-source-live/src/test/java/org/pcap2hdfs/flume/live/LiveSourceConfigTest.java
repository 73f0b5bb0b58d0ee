package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.config.ConfigException;

class LiveSourceConfigTest {
  @TempDir Path dir;

  private Map<String, String> valid(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("interface", "eth0");
    m.put("server", "ns1.test");
    m.put("schemaDir", dir.resolve("schema").toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void defaults() {
    LiveSourceConfig c = new LiveSourceConfig(valid());
    assertThat(c.filter).isEqualTo("port 53 or (ip[6:2] & 0x1fff != 0) or (ip6 and ip6[6] = 44)");
    assertThat(c.promiscuous).isFalse();
    assertThat(c.snaplen).isEqualTo(65535);
    assertThat(c.location).isEqualTo("unknown");
    assertThat(c.queueCapacity).isEqualTo(100_000);
    assertThat(c.decoder.join.timeoutMicros).isEqualTo(5_000_000);
  }

  @Test
  void interfaceIsRequired() {
    Map<String, String> m = valid();
    m.remove("interface");
    assertThatThrownBy(() -> new LiveSourceConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessage("interface is required");
  }

  @Test
  void serverIsRequired() {
    Map<String, String> m = valid();
    m.remove("server");
    assertThatThrownBy(() -> new LiveSourceConfig(m)).hasMessage("server is required");
  }

  @Test
  void snaplenIsBounded() {
    assertThatThrownBy(() -> new LiveSourceConfig(valid("snaplen", "10")))
        .hasMessage("snaplen must be between 64 and 262144, not 10");
  }

  @Test
  void promiscuousIsABoolean() {
    assertThatThrownBy(() -> new LiveSourceConfig(valid("promiscuous", "yes")))
        .hasMessage("promiscuous must be true or false, not 'yes'");
  }

  @Test
  void retryMaxIsNotBelowRetryMin() {
    assertThatThrownBy(() -> new LiveSourceConfig(valid("retryMinMs", "5000", "retryMaxMs", "10")))
        .hasMessage("retryMaxMs must be between 5000 and 3600000, not 10");
  }

  @Test
  void sharedKeysAreTheSpoolingSources() {
    assertThatThrownBy(() -> new LiveSourceConfig(valid("dnsPorts", "70000")))
        .hasMessage("dnsPorts port 70000 is not between 1 and 65535");
  }
}
