package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap2hdfs.testing.Decoded;

/**
 * Every bundled capture against tshark's reference counts (port 53): queries, responses, matched
 * pairs, and the rcode and qtype mix. Two captures differ on purpose, asserted below with why.
 */
class TsharkReferenceTest {
  private static final Path DIR = Path.of("src/test/resources/pcap");

  static Stream<String> captures() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".summary.json"))
          .sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".summary.json".length())));
    }
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("captures")
  void agreesWithTshark(String name) throws Exception {
    JsonNode ref = new ObjectMapper().readTree(DIR.resolve(name + ".summary.json").toFile());
    JsonNode p = ref.get("port53");
    Decoded d = Decoded.files(capture(name));
    List<Map<String, Object>> rows = d.rows;

    long queries = rows.stream().filter(r -> r.get("req_len") != null).count();
    long responses = rows.stream().filter(r -> r.get("res_len") != null).count();
    long matched =
        rows.stream().filter(r -> r.get("req_len") != null && r.get("res_len") != null).count();
    long expectedMatched =
        p.get("responses").asLong()
            - p.get("responses_without_matching_query_ignoring_qname").asLong();

    assertThat(queries).as("queries").isEqualTo(p.get("queries").asLong());
    assertThat(d.counters.queries).as("queries counted").isEqualTo(queries);
    if (name.equals("pcapplusplus__dns_over_tcp")) {
      // Frame 1 is stamped 1970-01-01 and the rest 2020-12-16. Frame 4 repeats frame 1's TCP
      // sequence number with other bytes; tshark calls it a retransmission. Our TCP state expires
      // by capture time (300 s idle), so frame 4 starts a new stream and its message is a row:
      // one response more than tshark, unsolicited.
      assertThat(responses).isEqualTo(p.get("responses").asLong() + 1);
      assertThat(d.counters.unsolicited).isEqualTo(2);
    } else {
      assertThat(responses).as("responses").isEqualTo(p.get("responses").asLong());
    }
    if (name.equals("zeek__dns-two-responses")) {
      // One query answered twice: tshark pairs both responses with it (matching ignores time);
      // we join the first and keep the duplicate as a response-only row.
      assertThat(matched).isEqualTo(1);
      assertThat(d.counters.unsolicited).isEqualTo(1);
    } else {
      assertThat(matched).as("matched").isEqualTo(expectedMatched);
    }
    assertThat(d.counters.matched).as("matched counted").isEqualTo(matched);
    assertThat(d.counters.rows).isEqualTo(rows.size());

    if (!name.equals("pcapplusplus__dns_over_tcp")) {
      assertThat(mix(rows, "res_len", "rcode"))
          .as("rcode mix")
          .isEqualTo(counts(p.get("rcode_counts_responses_extended")));
    }
    assertThat(mix(rows, "req_len", "qtype"))
        .as("qtype mix")
        .isEqualTo(counts(p.get("qtype_counts_queries")));
  }

  private static Path capture(String name) {
    for (String ext : new String[] {".pcap", ".pcapng", ".pcap.gz"}) {
      Path p = DIR.resolve(name + ext);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new AssertionError("no capture for " + name);
  }

  private static Map<String, Long> mix(List<Map<String, Object>> rows, String side, String column) {
    Map<String, Long> m = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      if (r.get(side) != null) {
        Object v = r.get(column);
        m.merge(v == null ? "" : v.toString(), 1L, Long::sum);
      }
    }
    m.remove("");
    return m;
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().isEmpty()) {
        m.put(e.getKey(), e.getValue().asLong());
      }
    }
    return m;
  }
}
