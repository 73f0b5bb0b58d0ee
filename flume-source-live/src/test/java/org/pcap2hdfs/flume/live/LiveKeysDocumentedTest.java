package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.config.ConfigKey;

/** Every key the live source reads is in the README's Live capture table with its default. */
class LiveKeysDocumentedTest {

  @Test
  void readmeDocumentsEveryKeyWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int section = readme.indexOf("## Live capture");
    assertThat(section).as("README section Live capture").isPositive();
    String live = readme.substring(section, readme.indexOf("\n## ", section + 1));
    for (ConfigKey k : LiveSourceConfig.keys()) {
      assertThat(live).as("README row for " + k.name()).contains(row(k));
    }
  }

  private static String row(ConfigKey k) {
    String def = k.defaultValue() == null ? "—" : "`" + k.defaultValue().replace("|", "\\|") + "`";
    return "| `" + k.name() + "` | " + def + " | " + k.doc().replace("|", "\\|") + " |";
  }
}
