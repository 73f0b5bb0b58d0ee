package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.interceptor.customer.CustomerSettings;
import org.pcap2hdfs.interceptor.geo.GeoIpSettings;
import org.pcap2hdfs.interceptor.resolver.ResolverSettings;

/** The project README documents every declared configuration key and counter. */
class ReadmeTest {
  @Test
  void everyDeclaredKeyAndCounterIsInATableOfTheReadme() throws Exception {
    String readme =
        new String(Files.readAllBytes(Paths.get("../README.md")), StandardCharsets.UTF_8);
    int checked = 0;
    for (Class<?> c :
        new Class<?>[] {
          Settings.class,
          EnrichmentInterceptor.class,
          GeoIpSettings.class,
          CustomerSettings.class,
          ResolverSettings.class,
          EnrichmentCounters.class
        }) {
      for (Field f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class
            && !f.getName().startsWith("DEFAULT_")) {
          String key = (String) f.get(null);
          assertThat(readme).as(c.getSimpleName() + "." + f.getName()).contains("| `" + key + "` ");
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(28);
  }
}
