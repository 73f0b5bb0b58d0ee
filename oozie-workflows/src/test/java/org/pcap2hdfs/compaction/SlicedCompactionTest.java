package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.Duck;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;
import org.pcap2hdfs.testing.RowDiff;

/**
 * A partition cut into slices by {@code slice.bytes}, compacted by parallel local tasks: every row
 * once (copies staged in two files are in one slice and dropped there), whole rows equal to what
 * was staged, each file sorted, one file set per slice, and a partition whose file cannot be read
 * fails alone.
 */
class SlicedCompactionTest {
  private static final long DAY5_US = 1_709_596_800_000_000L;
  private static final String NS1 = "year=2024/month=3/day=5/server=ns1";
  private static final String NS2 = "year=2024/month=3/day=5/server=ns2";

  @TempDir Path tmp;
  private FileSystem fs;
  private final SyntheticRows g = new SyntheticRows(21, DAY5_US, 2_000_000, "ns1");
  private final SyntheticRows h = new SyntheticRows(22, DAY5_US, 3_000_000, "ns2");

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
  }

  @Test
  void slicesOfAPartitionRunInParallelTasksAndKeepEachRowOnce() throws Exception {
    // 35,000 staged rows of ns1 of which 5,000 are copies (a re-delivery into a second file)
    stage(NS1, "a.avro", g, 0, 20_000);
    stage(NS1, "b.avro", g, 15_000, 30_000);
    stage(NS2, "c.avro", h, 0, 2_000);
    long ns1Bytes = bytes(NS1);
    long ns2Bytes = bytes(NS2);
    long sliceBytes = 1L << 20;
    int slices = (int) ((ns1Bytes + sliceBytes - 1) / sliceBytes);
    assertThat(slices).as("the staged bytes make several slices").isGreaterThanOrEqualTo(3);

    RunReport r = run(sliceBytes);

    assertThat(r.rowsIn()).isEqualTo(37_000);
    assertThat(r.rowsOut()).isEqualTo(32_000);
    assertThat(r.duplicates()).isEqualTo(5_000);
    assertThat(r.failed()).isEmpty();
    List<Path> ns1Files = parquet(NS1);
    // one file per slice (each slice's rows are far below the target size), named by its slice
    assertThat(ns1Files).hasSize(slices);
    assertThat(
            ns1Files.stream()
                .map(
                    p ->
                        p.getFileName()
                            .toString()
                            .replaceAll("^part-.*-(s\\d{3})-\\d{5}\\.parquet$", "$1")))
        .containsExactlyInAnyOrderElementsOf(
            Stream.iterate(0, i -> i + 1)
                .limit(slices)
                .map(i -> String.format("s%03d", i))
                .collect(Collectors.toList()));
    assertThat(parquet(NS2)).hasSize(1);
    assertThat(
            fs.exists(
                new org.apache.hadoop.fs.Path(tmp.resolve("warehouse/_compaction/tmp").toUri())))
        .isFalse();

    try (Duck duck = new Duck()) {
      String t =
          "read_parquet('"
              + tmp.resolve("warehouse")
              + "/*/*/*/*/*.parquet', hive_partitioning = true)";
      SortedMap<String, Map<String, Object>> expected = new TreeMap<>();
      WarehouseRows.add(expected, "ns1", g, 0, 30_000);
      WarehouseRows.add(expected, "ns2", h, 0, 2_000);
      // read() fails on an event_id seen twice: no copy survived in another slice
      RowDiff.assertSame(WarehouseRows.read(duck, t), expected);
      long sliceRows = 0;
      for (Path f : ns1Files) {
        List<List<String>> keys =
            duck.rows(
                "SELECT coalesce(domainname, ''), lpad(CAST(time_us AS VARCHAR), 20, '0'), event_id"
                    + " FROM read_parquet('"
                    + f
                    + "', file_row_number = true) ORDER BY file_row_number");
        List<List<String>> sorted = new ArrayList<>(keys);
        sorted.sort(
            (a, b) -> {
              for (int i = 0; i < 3; i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                  return c;
                }
              }
              return 0;
            });
        assertThat(keys).as("rows of %s in sort-key order", f.getFileName()).isEqualTo(sorted);
        // a hash slice takes a fair share: none is empty or holds nearly everything
        assertThat(keys.size()).isBetween(30_000 / slices / 2, 30_000 * 2 / slices);
        sliceRows += keys.size();
      }
      assertThat(sliceRows).isEqualTo(30_000);
    }
  }

  @Test
  void aSlicedPartitionWithAnUnreadableFileFailsAloneAndKeepsItsStaging() throws Exception {
    stage(NS1, "a.avro", g, 0, 20_000);
    stage(NS1, "b.avro", g, 20_000, 30_000);
    stage(NS2, "c.avro", h, 0, 2_000);
    Path garbage = tmp.resolve("staging/" + NS1 + "/broken.avro");
    Files.writeString(garbage, "not an Avro container");

    assertThatThrownBy(() -> run(1L << 20))
        .isInstanceOf(StagedFileException.class)
        .hasMessageContaining("broken.avro");

    assertThat(tmp.resolve("warehouse/" + NS1)).doesNotExist();
    assertThat(parquet(NS2)).isNotEmpty();
    assertThat(tmp.resolve("staging/" + NS1 + "/a.avro")).exists();
    assertThat(tmp.resolve("staging/" + NS1 + "/b.avro")).exists();
    assertThat(garbage).exists();
    assertThat(tmp.resolve("staging/" + NS2)).doesNotExist();
  }

  private RunReport run(long sliceBytes) throws Exception {
    Configuration c = new Configuration();
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.setLong(CompactionConfig.SLICE_BYTES, sliceBytes);
    c.setInt(CompactionConfig.TASKS, 2);
    c.set(CompactionConfig.SORT_BUFFER_SIZE, "1m");
    Clock clock = Clock.fixed(Instant.parse("2024-03-07T12:00:00Z"), ZoneOffset.UTC);
    return new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();
  }

  private void stage(String partition, String name, SyntheticRows rows, long from, long to)
      throws Exception {
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(tmp.resolve("staging/" + partition + "/" + name).toUri()),
        rows::fill,
        from,
        to,
        CodecFactory.nullCodec());
  }

  private long bytes(String partition) throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("staging/" + partition))) {
      long n = 0;
      for (Path p : files.collect(Collectors.toList())) {
        n += Files.size(p);
      }
      return n;
    }
  }

  private List<Path> parquet(String partition) throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("warehouse/" + partition))) {
      return files.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
    }
  }
}
