package org.pcap2hdfs.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.analytics.cluster.ClusterConfig;

/** Every spike and cluster setting has a row in the README's table, with its default. */
class AnalyticsKeysDocumentedTest {
  @Test
  void everyKeyIsInTheReadmeWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    int keys = 0;
    for (Class<?> c : new Class<?>[] {SpikeConfig.class, ClusterConfig.class}) {
      for (Field f : c.getFields()) {
        if (!Modifier.isStatic(f.getModifiers()) || f.getName().startsWith("DEFAULT_")) {
          continue;
        }
        String key = (String) f.get(null);
        Object dflt = c.getField("DEFAULT_" + f.getName()).get(null);
        String shown =
            dflt instanceof Double && (Double) dflt == Math.rint((Double) dflt)
                ? Long.toString(((Double) dflt).longValue())
                : dflt.toString();
        assertThat(readme).as(key).contains("| `" + key + "` | `" + shown + "` |");
        keys++;
      }
    }
    assertThat(keys).isEqualTo(18);
  }
}
