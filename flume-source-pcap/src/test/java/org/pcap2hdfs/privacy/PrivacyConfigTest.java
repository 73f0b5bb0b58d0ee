package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.config.ConfigException;

/** One test per invalid value; the message names the key. */
class PrivacyConfigTest {
  @TempDir Path dir;

  @Test
  void keepsAddressesByDefault() {
    PrivacyConfig c = PrivacyConfig.from(Map.of());
    assertThat(c.mode).isEqualTo(PrivacyMode.KEEP);
    assertThat(c.newClientAddresses()).isNull();
    assertThat(c.enrichesFullAddress()).isFalse();
  }

  @Test
  void readsTruncationPrefixes() {
    PrivacyConfig c =
        PrivacyConfig.from(
            Map.of(
                "privacy.mode",
                "TRUNCATE",
                "privacy.ipv4Prefix",
                "16",
                "privacy.ipv6Prefix",
                "32"));
    assertThat(c.mode).isEqualTo(PrivacyMode.TRUNCATE);
    assertThat(c.ipv4Prefix).isEqualTo(16);
    assertThat(c.ipv6Prefix).isEqualTo(32);
  }

  @Test
  void refusesAnUnknownMode() {
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.mode", "hash")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("privacy.mode must be one of keep, truncate, pseudonym, not 'hash'");
  }

  @Test
  void refusesPrefixesOutOfRange() {
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.ipv4Prefix", "33")))
        .hasMessage("privacy.ipv4Prefix must be between 0 and 32, not 33");
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.ipv6Prefix", "-1")))
        .hasMessage("privacy.ipv6Prefix must be between 0 and 128, not -1");
  }

  @Test
  void pseudonymNeedsAKeyFile() {
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.mode", "pseudonym")))
        .hasMessage("privacy.keyFile is required when privacy.mode is pseudonym");
  }

  @Test
  void aWorldReadableKeyFileIsAClearError() throws Exception {
    Path key = dir.resolve("key");
    Files.write(key, new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThatThrownBy(
            () ->
                PrivacyConfig.from(
                    Map.of("privacy.mode", "pseudonym", "privacy.keyFile", key.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("privacy.keyFile " + key + " is readable by every user");
  }

  @Test
  void enrichingOnFullAddressesNeedsTheInterceptorsJar() {
    // this module's test classpath has no FullAddressEnrichment provider
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.enrichFullAddress", "true")))
        .hasMessage(
            "privacy.enrichFullAddress needs the pcap2hdfs interceptors (flume-interceptors jar)"
                + " on the classpath");
  }

  @Test
  void refusesABadBoolean() {
    assertThatThrownBy(() -> PrivacyConfig.from(Map.of("privacy.enrichFullAddress", "yes")))
        .hasMessage("privacy.enrichFullAddress must be true or false, not 'yes'");
  }
}
