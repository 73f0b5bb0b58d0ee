package org.pcap2hdfs.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.compaction.testing.Duck;

class SourcePrefixTest {
  private static final String[][] CASES = {
    {"192.0.2.77", "192.0.2.0/24"},
    {"10.1.255.1", "10.1.255.0/24"},
    {"2001:db8:1:2::53", "2001:db8:1::/48"},
    {"2001:DB8:a::1", "2001:db8:a::/48"},
    {"2001:db8::1", "2001:db8:0::/48"},
    {"fe80::1", "fe80:0:0::/48"},
    {"::1", "::/48"},
    {"not-an-address", "not-an-address"},
  };

  @Test
  void javaAndSqlAgree() throws Exception {
    List<String> expected = new ArrayList<>();
    StringBuilder values = new StringBuilder();
    for (String[] c : CASES) {
      assertThat(SourcePrefix.of(c[0])).as(c[0]).isEqualTo(c[1]);
      expected.add(c[1]);
      values.append(values.length() == 0 ? "" : ", ").append("(").append(expected.size());
      values.append(", '").append(c[0]).append("')");
    }
    try (Duck duck = new Duck()) {
      List<String> sql = new ArrayList<>();
      for (List<String> row :
          duck.rows(
              "SELECT "
                  + SourcePrefix.SQL
                  + " FROM (VALUES "
                  + values
                  + ") AS t(i, src) ORDER BY i")) {
        sql.add(row.get(0));
      }
      assertThat(sql).isEqualTo(expected);
    }
  }
}
