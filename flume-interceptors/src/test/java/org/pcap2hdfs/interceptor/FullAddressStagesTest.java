package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.privacy.PrivacyConfig;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * The source's full-address enrichment as the source finds it (through ServiceLoader, from the
 * privacy keys): answers of the geo stage, from several threads at once, counted; bad settings
 * named.
 */
class FullAddressStagesTest {
  private static final Path GEOIP = Path.of("src/test/resources/geoip");

  private static Map<String, String> keys(String city) {
    Map<String, String> m = new HashMap<>();
    m.put("privacy.mode", "truncate");
    m.put("privacy.enrichFullAddress", "true");
    m.put("privacy.enrich.geoip.locationDatabase", city);
    m.put(
        "privacy.enrich.geoip.asnDatabase",
        GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath().toString());
    return m;
  }

  @Test
  void enrichesFromSeveralThreadsAndCountsEveryRow() throws Exception {
    PrivacyConfig privacy =
        PrivacyConfig.from(keys(GEOIP.resolve("GeoIP2-City-Test.mmdb").toString()));
    assertThat(privacy.enrichesFullAddress()).isTrue();
    FullAddressEnricher enricher = privacy.openEnricher("full-address-test");
    ExecutorService threads = Executors.newFixedThreadPool(3);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      done.add(
          threads.submit(
              () -> {
                Row row = new Row();
                int checked = 0;
                for (int i = 0; i < 3000; i++) {
                  row.clear();
                  boolean london = i % 2 == 0;
                  row.setString(Fields.SRC, london ? "81.2.69.142" : "89.160.20.112");
                  enricher.enrich(row);
                  assertThat(row.getString(Fields.CITY)).isEqualTo(london ? "London" : "Linköping");
                  assertThat(row.getString(Fields.ASN)).isEqualTo(london ? null : "29518");
                  checked++;
                }
                return checked;
              }));
    }
    for (Future<Integer> f : done) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(3000);
    }
    threads.shutdown();
    enricher.close();
    Object rowsIn =
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(
                new ObjectName("org.apache.flume.interceptor:type=full-address-test.geoip"),
                "RowsIn");
    assertThat(rowsIn).isEqualTo(9000L);
  }

  @Test
  void aBadDatabaseIsNamedWithItsFullKey() {
    assertThatThrownBy(() -> PrivacyConfig.from(keys("/nonexistent/City.mmdb")))
        .hasMessageContaining("privacy.enrich.geoip.locationDatabase")
        .hasMessageContaining("does not exist");
  }

  @Test
  void anUnknownStageIsNamed() {
    Map<String, String> m = keys(GEOIP.resolve("GeoIP2-City-Test.mmdb").toString());
    m.put("privacy.enrich.stages", "geoip weather");
    assertThatThrownBy(() -> PrivacyConfig.from(m))
        .hasMessageContaining("privacy.enrich.stages")
        .hasMessageContaining("unknown stage 'weather'");
  }
}
