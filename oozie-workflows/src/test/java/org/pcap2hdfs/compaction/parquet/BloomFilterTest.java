package org.pcap2hdfs.compaction.parquet;

import static org.apache.parquet.filter2.predicate.FilterApi.binaryColumn;
import static org.apache.parquet.filter2.predicate.FilterApi.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.DatumArena;
import org.pcap2hdfs.compaction.testing.RealisticRows;
import org.pcap2hdfs.row.RowSchema;

/**
 * The Bloom filters our writer puts into each row group, as parquet-mr's reader sees them: present
 * for the configured columns only (and, as parquet-mr does, only where some page is not
 * dictionary-encoded), no false negatives, and a point lookup with {@code useBloomFilter} reads
 * only the row groups that may hold the value.
 */
class BloomFilterTest {
  private static final Set<String> BLOOM = Set.of("qname", "domainname", "src");
  private static final Configuration CONF = new Configuration();

  @TempDir static Path tmp;
  private static List<org.apache.hadoop.fs.Path> files;

  /** Column → value → the files (row groups) that hold it. */
  private static final Map<String, Map<String, Set<Integer>>> WHERE = new HashMap<>();

  @BeforeAll
  static void write() throws IOException {
    DatumArena input =
        new DatumArena(new RealisticRows(5, 1_709_596_800_000_000L, 1_000_000L, "ns1"), 60_000);
    ParquetOptions options =
        new ParquetOptions(
            RowSchema.get(), 1 << 20, CompressionCodecName.SNAPPY, TimestampUnit.MICROS, BLOOM);
    FileSystem fs = FileSystem.getLocal(CONF).getRawFileSystem();
    files = new ArrayList<>();
    try (RollingParquetWriter w =
        new RollingParquetWriter(
            fs,
            new org.apache.hadoop.fs.Path(tmp.resolve("w").toUri()),
            "part",
            options,
            new RollingParquetWriter.SizeModel(),
            Map.of(),
            f -> {})) {
      for (int k = 0; k < input.rows(); k++) {
        input.feed(k, w::write);
      }
      w.finish().forEach(f -> files.add(f.path()));
    }
    for (int f = 0; f < files.size(); f++) {
      try (ParquetReader<Group> r =
          ParquetReader.builder(new GroupReadSupport(), files.get(f)).withConf(CONF).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          for (String c : BLOOM) {
            WHERE
                .computeIfAbsent(c, x -> new HashMap<>())
                .computeIfAbsent(g.getString(c, 0), x -> new HashSet<>())
                .add(f);
          }
        }
      }
    }
  }

  @Test
  void everyValueOfEveryRowGroupIsInItsFilterAndOnlyConfiguredColumnsHaveOne() throws IOException {
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    Map<String, Integer> withFilter = new HashMap<>();
    for (int f = 0; f < files.size(); f++) {
      try (ParquetFileReader r =
          ParquetFileReader.open(HadoopInputFile.fromPath(files.get(f), CONF))) {
        BlockMetaData block = r.getRowGroups().get(0);
        for (ColumnChunkMetaData c : block.getColumns()) {
          String name = c.getPath().toDotString();
          BloomFilter filter = r.getBloomFilterDataReader(block).readBloomFilter(c);
          if (!BLOOM.contains(name)) {
            assertThat(filter).as(name).isNull();
            continue;
          }
          if (!c.getEncodingStats().hasNonDictionaryEncodedPages()) {
            // parquet-mr's rule: all pages dictionary-encoded, the dictionary filter serves.
            assertThat(filter).as(name).isNull();
            continue;
          }
          assertThat(filter).as(name).isNotNull();
          withFilter.merge(name, 1, Integer::sum);
          int n = 0;
          for (Map.Entry<String, Set<Integer>> e : WHERE.get(name).entrySet()) {
            if (e.getValue().contains(f)) {
              n++;
              Binary v = Binary.fromString(e.getKey());
              assertThat(filter.findHash(filter.hash(v))).as("%s=%s", name, v).isTrue();
            }
          }
          assertThat(n).isPositive();
        }
      }
    }
    for (String c : BLOOM) {
      assertThat(withFilter.get(c)).as(c).isGreaterThanOrEqualTo(files.size() / 2);
    }
  }

  @Test
  void pointLookupsReadOnlyTheRowGroupsThatMayHoldTheValue() throws IOException {
    for (String column : List.of("src", "qname")) {
      List<String> once = new ArrayList<>();
      WHERE
          .get(column)
          .forEach(
              (v, in) -> {
                if (in.size() == 1) {
                  once.add(v);
                }
              });
      assertThat(once).as(column).hasSizeGreaterThan(500);
      assertThat(rowGroupsRead(column, once.get(0), false)).isEqualTo(files.size());
      int lookups = 0;
      int extra = 0;
      for (int k = 0; k < once.size(); k += once.size() / 60) {
        int read = rowGroupsRead(column, once.get(k), true);
        assertThat(read).as("%s=%s", column, once.get(k)).isPositive();
        extra += read - 1;
        lookups++;
      }
      // False positives at the filters' 1 %, with room: at most 3 % of the row groups skippable.
      assertThat(extra)
          .as(column)
          .isLessThanOrEqualTo((int) (0.03 * lookups * (files.size() - 1)) + 1);
    }
    for (String column : BLOOM) {
      assertThat(rowGroupsRead(column, "absent.example.invalid", true)).as(column).isZero();
    }
  }

  /**
   * Row groups parquet-mr keeps for {@code column = value}, with only the Bloom filter (or none).
   */
  private static int rowGroupsRead(String column, String value, boolean bloom) throws IOException {
    int kept = 0;
    for (org.apache.hadoop.fs.Path p : files) {
      ParquetReadOptions options =
          HadoopReadOptions.builder(CONF)
              .withRecordFilter(
                  FilterCompat.get(eq(binaryColumn(column), Binary.fromString(value))))
              .useStatsFilter(false)
              .useDictionaryFilter(bloom)
              .useColumnIndexFilter(false)
              .useBloomFilter(bloom)
              .build();
      try (ParquetFileReader r =
          ParquetFileReader.open(HadoopInputFile.fromPath(p, CONF), options)) {
        kept += r.getRowGroups().size();
      }
    }
    return kept;
  }
}
