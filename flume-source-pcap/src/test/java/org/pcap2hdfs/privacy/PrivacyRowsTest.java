package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.MaskedAddresses;

/**
 * Whole rows of bundled captures decoded with privacy: every column as without it, except src and
 * edns_client_subnet, which hold exactly the masked address (computed here from the kept row).
 */
class PrivacyRowsTest {
  @TempDir Path dir;

  private static final String[] CAPTURES = {
    "generated__knot-example.ca-geo.pcap.gz", // IPv4 and IPv6 clients
    "tcpdump__edns-opts.pcap", // client subnets, IPv4 and IPv6
    "dnscap__dns6.pcap",
    "pcapplusplus__ip6_fragments.pcap",
    "tcpdump__dns_tcp.pcap",
  };

  @Test
  void truncateMasksSrcAndTheClientSubnetAndNothingElse() throws Exception {
    int[] seen = compare(Map.of("privacy.mode", "truncate", "privacy.ipv4Prefix", "20"));
    assertThat(seen[0]).as("IPv4 rows").isGreaterThan(1000);
    assertThat(seen[1]).as("IPv6 rows").isGreaterThan(10);
    assertThat(seen[2]).as("client subnets").isGreaterThanOrEqualTo(2);
  }

  @Test
  void pseudonymReplacesSrcAndTheClientSubnetAndNothingElse() throws Exception {
    Path key = dir.resolve("key");
    Files.write(key, CryptoPanTest.REFERENCE_KEY);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    int[] seen =
        compare(
            Map.of(
                "privacy.mode", "pseudonym",
                "privacy.keyFile", key.toString(),
                "privacy.cacheSize", "64")); // a small cache: most clients miss and collide
    assertThat(seen[0]).isGreaterThan(1000);
    assertThat(seen[1]).isGreaterThan(10);
    assertThat(seen[2]).isGreaterThanOrEqualTo(2);
  }

  /** Returns the numbers of IPv4 rows, IPv6 rows and rows with a client subnet. */
  private int[] compare(Map<String, String> keys) throws Exception {
    PrivacyConfig privacy = PrivacyConfig.from(keys);
    MaskedAddresses oracle =
        privacy.mode == PrivacyMode.PSEUDONYM
            ? MaskedAddresses.pseudonyms(CryptoPanTest.REFERENCE_KEY)
            : MaskedAddresses.truncated(privacy.ipv4Prefix, privacy.ipv6Prefix);
    DecoderConfig masked =
        new DecoderConfig(
            new DnsPorts(DecoderConfig.DEFAULT_DNS_PORTS),
            JoinConfig.defaults(),
            ReassemblyLimits.defaults(),
            privacy,
            null);
    int[] seen = new int[3];
    for (String capture : CAPTURES) {
      Path file = Decoded.resource(capture);
      List<Map<String, Object>> kept = Decoded.files(file).rows;
      List<Map<String, Object>> rows = Decoded.files(masked, file).rows;
      assertThat(rows).hasSameSizeAs(kept);
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> expected = new HashMap<>(kept.get(i));
        String src = (String) expected.get("src");
        expected.put("src", oracle.client(src));
        String ecs = (String) expected.get("edns_client_subnet");
        if (ecs != null) {
          expected.put("edns_client_subnet", oracle.subnet(ecs));
          seen[2]++;
        }
        assertThat(rows.get(i)).as("%s row %d", capture, i).isEqualTo(expected);
        assertThat(rows.get(i).get("src")).isNotEqualTo(src);
        seen[src.contains(":") ? 1 : 0]++;
      }
    }
    return seen;
  }
}
