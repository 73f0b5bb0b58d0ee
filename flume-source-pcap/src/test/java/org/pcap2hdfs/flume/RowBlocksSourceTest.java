package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowBlock;
import org.pcap2hdfs.testing.Captures2;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.EventRows;
import org.pcap2hdfs.testing.Waits;

/** The source with {@code rowsPerEvent}: row blocks carry exactly the rows of one-datum events. */
class RowBlocksSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path KNOT = Decoded.resource("generated__knot-example.ca-geo.pcap.gz");

  @TempDir Path spool;
  @TempDir Path scratch;

  private List<Event> deliver(Path[] files, String... keys) throws Exception {
    return deliver("ns1_ams", files, keys);
  }

  /** Delivers {@code files} placed in {@code folder} of a new spool ("" = the spool itself). */
  private List<Event> deliver(String folder, Path[] files, String... keys) throws Exception {
    Path root = Files.createTempDirectory(spool, "spool");
    Path dir = Files.createDirectories(root.resolve(folder));
    for (Path f : files) {
      Files.copy(f, dir.resolve(f.getFileName()));
    }
    try (SourceHarness h = new SourceHarness(root, 100_000, keys).start()) {
      Waits.until(
          WAIT,
          "every file read and every row delivered",
          () ->
              h.source.counter().getFilesDone() == files.length
                  && h.source.counter().getPendingQueries() == 0
                  && h.rowCount() == h.source.counter().getRows()
                  && h.delivered.size() == h.source.counter().getEventAcceptedCount());
      assertThat(h.source.counter().getRowsAccepted()).isEqualTo(h.source.counter().getRows());
      return new ArrayList<>(h.delivered);
    }
  }

  private static List<byte[]> datums(List<Event> events) {
    List<byte[]> out = new ArrayList<>();
    events.forEach(e -> out.addAll(EventRows.datums(e)));
    return out;
  }

  @Test
  void blocksHoldTheRowsOfOneDatumEventsInTheirOrder() throws Exception {
    Path[] parts = Captures2.split(KNOT, scratch, "dump", 15_000, 15_000);
    DecodedRows decoded = DecodedRows.of("ns1", "ams", parts);
    List<byte[]> expected = decoded.datums;
    List<Long> times = decoded.times;

    List<Event> single = deliver(parts, "idleFlushMs", "200");
    List<Event> blocks = deliver(parts, "idleFlushMs", "200", "rowsPerEvent", "64");

    assertThat(single).hasSize(expected.size());
    assertThat(datums(single)).containsExactlyElementsOf(expected);
    for (Event e : single) {
      assertThat(e.getHeaders().keySet())
          .containsExactlyInAnyOrder(
              "flume.avro.schema.url", "timestamp", "server", "server_location");
    }

    assertThat(datums(blocks)).containsExactlyElementsOf(expected);
    assertThat(blocks.size()).isBetween(expected.size() / 64, expected.size() / 64 + 8);
    int row = 0;
    for (Event e : blocks) {
      int n = Integer.parseInt(e.getHeaders().get(RowBlock.ROWS_HEADER));
      assertThat(n).isBetween(1, 64);
      assertThat(e.getHeaders())
          .containsEntry("timestamp", Long.toString(times.get(row)))
          .containsEntry("server", "ns1")
          .containsEntry("server_location", "ams")
          .containsKey("flume.avro.schema.url");
      row += n;
    }
    long full =
        blocks.stream().filter(e -> "64".equals(e.getHeaders().get("pcap2hdfs.rows"))).count();
    // A block ends with its file (two files) and with the idle flush of the pending queries.
    assertThat(blocks.size() - full).isBetween(1L, 4L);
  }

  @Test
  void filesDirectlyInTheSpoolAreTheFixedServers() throws Exception {
    Path[] parts = Captures2.split(KNOT, scratch, "dump", 15_000);
    List<byte[]> expected = DecodedRows.of("ns1", "ams", parts).datums;

    List<Event> blocks =
        deliver(
            "",
            parts,
            "idleFlushMs",
            "200",
            "rowsPerEvent",
            "500",
            "server",
            "ns1",
            "defaultLocation",
            "ams");

    assertThat(datums(blocks)).containsExactlyElementsOf(expected);
    assertThat(blocks)
        .allSatisfy(
            e ->
                assertThat(e.getHeaders())
                    .containsEntry("server", "ns1")
                    .containsEntry("server_location", "ams"));
  }

  @Test
  void aChannelThatRefusesBlocksForAWhileLosesNothing() throws Exception {
    Path a = Files.createDirectories(spool.resolve("ns1_ams"));
    Path[] parts = Captures2.split(KNOT, a, "dump", 20_000);
    List<byte[]> expected = DecodedRows.of("ns1", "ams", parts).datums;
    try (SourceHarness h =
        new SourceHarness(
                spool,
                1_000,
                "idleFlushMs",
                "200",
                "maxBackoff",
                "200",
                "rowsPerEvent",
                "5",
                "batchSize",
                "5")
            .startRefusing(3, WAIT)) {
      Waits.until(
          WAIT,
          "all rows",
          () -> h.source.counter().getFilesDone() == 2 && h.rowCount() >= expected.size());
      assertThat(datums(h.delivered)).containsExactlyElementsOf(expected);
      assertThat(h.source.counter().getChannelWriteFail())
          .isEqualTo(h.source.counter().getChannelBackoffs());
    }
  }

  /** Rows straight into an {@link EventSink}, with capture times the test chooses. */
  private static List<Event> sinkRows(int count, long firstMillis, long stepMillis, String... keys)
      throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("spoolDir", Files.createTempDirectory("spool").toString());
    for (int i = 0; i < keys.length; i += 2) {
      settings.put(keys[i], keys[i + 1]);
    }
    PcapSourceConfig config = new PcapSourceConfig(settings);
    List<Event> out = new ArrayList<>();
    org.apache.flume.channel.ChannelProcessor channel =
        new org.apache.flume.channel.ChannelProcessor(
            new org.apache.flume.channel.ReplicatingChannelSelector()) {
          @Override
          public void processEventBatch(List<Event> events) {
            out.addAll(events);
          }
        };
    EventSink sink =
        new EventSink(
            channel,
            new PcapSourceCounter("test"),
            config,
            new EventSchema(
                org.pcap2hdfs.row.RowSchema.get(), "flume.avro.schema.url", "file:///schema.avsc"),
            "ns1",
            "ams",
            () -> false);
    List<Row> rows = new ArrayList<>();
    new StreamDecoder(
            DecoderConfig.defaults(),
            "ns1",
            "ams",
            r -> {
              Row c = new Row();
              c.copyFrom(r);
              rows.add(c);
            })
        .decode(KNOT, "knot.pcap");
    for (int i = 0; i < count; i++) {
      Row r = rows.get(i % rows.size());
      r.setLong(Fields.TIME, firstMillis + i * stepMillis);
      sink.row(r);
    }
    sink.flush();
    return out;
  }

  @Test
  void aBlockNeverSpansTwoQuarterHours() throws Exception {
    long quarter = EventSink.BLOCK_PERIOD_MILLIS;
    // 1,000 rows 1 s apart starting 100 s before a quarter hour: 100 rows before it.
    List<Event> events =
        sinkRows(1_000, 7 * quarter - 100_000, 1_000, "rowsPerEvent", "300", "batchSize", "2");
    List<Integer> sizes = new ArrayList<>();
    for (Event e : events) {
      sizes.add(Integer.parseInt(e.getHeaders().get(RowBlock.ROWS_HEADER)));
    }
    assertThat(sizes).containsExactly(100, 300, 300, 300);
    assertThat(events.get(1).getHeaders()).containsEntry("timestamp", Long.toString(7 * quarter));
  }

  @Test
  void aBlockNeverPassesTheByteCap() throws Exception {
    List<Event> events =
        sinkRows(2_000, 1_500_000_000_000L, 1, "rowsPerEvent", "2000", "maxEventBytes", "8192");
    assertThat(EventRows.count(events)).isEqualTo(2_000);
    assertThat(events).allSatisfy(e -> assertThat(e.getBody().length).isLessThanOrEqualTo(8192));
    assertThat(events.size()).isGreaterThan(2_000 * 100 / 8192);
    // Only the last block of the run is far from the cap.
    for (Event e : events.subList(0, events.size() - 1)) {
      assertThat(e.getBody().length).isGreaterThan(8192 - 1_000);
    }
  }
}
