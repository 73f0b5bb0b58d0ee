package org.pcap2hdfs.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregatesConfigTest {
  @TempDir Path tmp;

  private static Configuration minimal() {
    Configuration c = new Configuration(false);
    c.set(AggregatesConfig.WAREHOUSE_DIR, "file:///w");
    c.set(AggregatesConfig.ENGINE_JDBC_URL, "jdbc:duckdb:");
    c.set(AggregatesConfig.JDBC_URL, "jdbc:postgresql://h/dns");
    return c;
  }

  @Test
  void defaults() {
    AggregatesConfig c = AggregatesConfig.from(minimal());
    assertThat(c.table()).isEqualTo("dns.queries");
    assertThat(c.topN()).isEqualTo(10);
    assertThat(c.days()).isEmpty();
  }

  @Test
  void daysAreParsed() {
    Configuration m = minimal();
    m.set(AggregatesConfig.DAYS, "2024-03-04, 2024-03-05");
    assertThat(AggregatesConfig.from(m).days())
        .containsExactly(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "pcap2hdfs.aggregates.warehouse.dir;;pcap2hdfs.aggregates.warehouse.dir is required",
        "pcap2hdfs.aggregates.engine.jdbc.url;impala://h;pcap2hdfs.aggregates.engine.jdbc.url=impala://h: must be a jdbc: URL",
        "pcap2hdfs.aggregates.jdbc.url;;pcap2hdfs.aggregates.jdbc.url is required",
        "pcap2hdfs.aggregates.jdbc.url;postgres://h?password=x;pcap2hdfs.aggregates.jdbc.url=postgres://h?password=***: must be a jdbc: URL",
        "pcap2hdfs.aggregates.table;dns.queries-x;pcap2hdfs.aggregates.table=dns.queries-x: must be an identifier or db.table",
        "pcap2hdfs.aggregates.days;2024-3-4;pcap2hdfs.aggregates.days=2024-3-4: must be yyyy-MM-dd",
        "pcap2hdfs.aggregates.top.n;0;pcap2hdfs.aggregates.top.n=0: must be between 1 and 1000",
        "pcap2hdfs.aggregates.jdbc.password.file;/no/such/file;pcap2hdfs.aggregates.jdbc.password.file=/no/such/file: is not a readable file",
        "pcap2hdfs.aggregates.jdbc.password.env;P2H_NO_SUCH_VARIABLE;pcap2hdfs.aggregates.jdbc.password.env=P2H_NO_SUCH_VARIABLE: environment variable is not set",
      })
  void rejectsBadValuesNamingTheKey(String key, String value, String message) {
    Configuration m = minimal();
    m.set(key, value == null ? "" : value);
    assertThatThrownBy(() -> AggregatesConfig.from(m)).hasMessage(message);
  }

  @Test
  void onlyOnePasswordSource() throws Exception {
    Path file = Files.writeString(tmp.resolve("p"), "secret\n");
    Configuration m = minimal();
    m.set(AggregatesConfig.JDBC_PASSWORD_FILE, file.toString());
    m.set(AggregatesConfig.JDBC_PASSWORD, "plain");
    assertThatThrownBy(() -> AggregatesConfig.from(m))
        .hasMessage(
            "set only one of pcap2hdfs.aggregates.jdbc.password,"
                + " pcap2hdfs.aggregates.jdbc.password.file, pcap2hdfs.aggregates.jdbc.password.env");
  }

  /** The README's settings table lists exactly the declared keys. */
  @Test
  void readmeTableListsEveryKey() throws Exception {
    Set<String> documented = new TreeSet<>();
    Pattern row = Pattern.compile("^\\| `(pcap2hdfs\\.aggregates\\.[\\w.]+)` \\|");
    for (String line : Files.readAllLines(Paths.get("README.md"))) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        documented.add(m.group(1));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(AggregatesConfig.KEYS);
  }
}
