package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;

/** A small target (1 MB) gives files within 10 % of it, each one row group. */
class FileSizeTargetTest {
  @TempDir Path tmp;

  @Test
  void filesLandWithinTenPercentOfTheTarget() throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.toUri() + "staging");
    org.apache.hadoop.fs.Path dir =
        new org.apache.hadoop.fs.Path(staging, "year=2024/month=3/day=5/server=ns1");
    SyntheticRows rows = new SyntheticRows(7, 1_709_596_800_000_000L, 200_000, "ns1");
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(dir, "a.avro"),
        rows::fill,
        0,
        200_000,
        CodecFactory.snappyCodec());
    conf.set(CompactionConfig.STAGING_DIR, staging.toString());
    conf.set(CompactionConfig.WAREHOUSE_DIR, tmp.toUri() + "warehouse");
    conf.set(CompactionConfig.PARTITIONS, "year=2024/month=3/day=5");
    conf.set(CompactionConfig.TARGET_FILE_SIZE, "1m");
    conf.set(CompactionConfig.SPILL_DIR, tmp.resolve("spill").toString());

    RunReport report =
        new Compactor(CompactionConfig.from(conf), Clock.systemUTC(), CompactionHooks.NONE).run();

    File[] files =
        tmp.resolve("warehouse/year=2024/month=3/day=5/server=ns1")
            .toFile()
            .listFiles((d, n) -> n.endsWith(".parquet"));
    assertThat(files).isNotNull();
    java.util.Arrays.sort(files);
    List<Long> sizes = new ArrayList<>();
    for (File f : files) {
      sizes.add(f.length());
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toURI()), conf))) {
        assertThat(r.getRowGroups()).hasSize(1);
      }
    }
    System.out.println("sizes " + sizes);
    assertThat(report.rowsOut()).isEqualTo(200_000);
    assertThat(files.length).isGreaterThanOrEqualTo(4);
    for (int i = 0; i < sizes.size() - 1; i++) {
      assertThat(sizes.get(i)).as("file %d", i).isBetween(943_718L, 1_153_434L);
    }
    assertThat(sizes.get(sizes.size() - 1)).isLessThanOrEqualTo(1_153_434L);
  }
}
