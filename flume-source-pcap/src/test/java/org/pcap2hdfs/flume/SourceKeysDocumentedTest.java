package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.config.ConfigKey;

/**
 * Every key the source reads is in the README's table with its default (printed by {@link #table}).
 */
class SourceKeysDocumentedTest {

  @Test
  void readmeDocumentsEveryKeyWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    for (ConfigKey k : PcapSourceConfig.keys()) {
      assertThat(readme).as("README row for " + k.name()).contains(row(k));
    }
  }

  static String row(ConfigKey k) {
    String def = k.defaultValue() == null ? "—" : "`" + k.defaultValue().replace("|", "\\|") + "`";
    return "| `" + k.name() + "` | " + def + " | " + k.doc().replace("|", "\\|") + " |";
  }

  /** The table for the README. */
  static String table() {
    StringBuilder b = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    PcapSourceConfig.keys().forEach(k -> b.append(row(k)).append('\n'));
    return b.toString();
  }

  public static void main(String[] args) {
    System.out.print(table());
  }
}
