package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcap2hdfs.testing.Decoded;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairHandoffTest {
  private static final Path KNOT = Decoded.resource("generated__knot-example.ca-geo.pcap.gz");

  @Test
  void rowsBuiltOnTheRowThreadEqualTheDecodersOwnInOrder() throws Exception {
    Decoded direct = Decoded.files(KNOT);
    List<Map<String, Object>> rows = new ArrayList<>();
    PairHandoff handoff = new PairHandoff("ns1", "test", row -> rows.add(row.toMap()));
    StreamDecoder decoder = new StreamDecoder(DecoderConfig.defaults(), handoff);
    assertThat(decoder.decode(KNOT, KNOT.getFileName().toString())).isNull();
    decoder.finish();
    handoff.finish();

    assertThat(rows).hasSize(24_843).isEqualTo(direct.rows);
    assertThat(decoder.counters().rows).isEqualTo(direct.counters.rows);
  }

  @Test
  void aFailingSinkStopsTheDecoderAndFinishThrowsItsException() throws Exception {
    IOException disk = new IOException("disk full");
    int[] seen = {0};
    PairHandoff handoff =
        new PairHandoff(
            "ns1",
            "test",
            row -> {
              if (++seen[0] == 300) {
                throw disk;
              }
            });
    StreamDecoder decoder = new StreamDecoder(DecoderConfig.defaults(), handoff);

    assertThatThrownBy(() -> decoder.decode(KNOT, "knot.pcap"))
        .isInstanceOf(PairHandoff.RowSinkFailure.class)
        .hasCause(disk);
    assertThatThrownBy(handoff::finish).isSameAs(disk);
    assertThat(seen[0]).isEqualTo(300);
  }

  @Test
  void finishWithoutPairsDeliversNothing() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    PairHandoff handoff = new PairHandoff("ns1", "test", row -> rows.add(row.toMap()));
    handoff.finish();
    handoff.finish();
    assertThat(rows).isEmpty();
  }
}
