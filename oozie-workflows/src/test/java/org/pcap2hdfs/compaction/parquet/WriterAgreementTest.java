package org.pcap2hdfs.compaction.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.DatumArena;
import org.pcap2hdfs.compaction.testing.RealisticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * Our page encoders and parquet-mr's own writer, given the same datums and settings, write files
 * that parquet-mr's reader reads back as the same rows in the same order, and those rows are the
 * generated ones.
 */
class WriterAgreementTest {
  private static final int ROWS = 40_000;

  @TempDir Path tmp;

  @Test
  void bothWritersHoldTheSameRowsRowByRow() throws IOException {
    RealisticRows gen = new RealisticRows(3, 1_709_596_800_000_000L, 2_000_000L, "ns1");
    DatumArena input = new DatumArena(gen, ROWS);
    ParquetOptions options =
        new ParquetOptions(1 << 20, CompressionCodecName.SNAPPY, TimestampUnit.MICROS);
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    org.apache.hadoop.fs.Path ours = new org.apache.hadoop.fs.Path(tmp.resolve("ours").toUri());
    org.apache.hadoop.fs.Path mr = new org.apache.hadoop.fs.Path(tmp.resolve("mr").toUri());

    List<WrittenFile> ourFiles;
    try (RollingParquetWriter w =
        new RollingParquetWriter(
            fs, ours, "part", options, new RollingParquetWriter.SizeModel(), Map.of(), f -> {})) {
      for (int k = 0; k < input.rows(); k++) {
        input.feed(k, w::write);
      }
      ourFiles = w.finish();
    }
    List<org.apache.hadoop.fs.Path> mrFiles;
    try (ParquetMrWarehouseWriter w =
        new ParquetMrWarehouseWriter(fs.getConf(), mr, options, Map.of())) {
      for (int k = 0; k < input.rows(); k++) {
        input.feed(k, w::write);
      }
      mrFiles = w.finish();
    }

    assertThat(ourFiles).hasSizeGreaterThan(2);
    assertThat(mrFiles).hasSizeGreaterThan(2);
    List<org.apache.hadoop.fs.Path> ourPaths = new ArrayList<>();
    ourFiles.forEach(f -> ourPaths.add(f.path()));
    List<String> a = readAll(fs, ourPaths);
    List<String> b = readAll(fs, mrFiles);
    assertThat(a).hasSize(ROWS);
    for (int k = 0; k < ROWS; k++) {
      assertThat(b.get(k)).as("row %d", k).isEqualTo(a.get(k));
    }

    // And they are the generated rows, every column.
    Map<String, Map<String, Object>> read = WarehouseRows.readEventColumns(fs, ours);
    Row row = new Row();
    for (long i = 0; i < ROWS; i++) {
      gen.fill(row, i);
      assertThat(read.get(row.getString(Fields.EVENT_ID))).isEqualTo(row.toMap());
    }
  }

  private static List<String> readAll(FileSystem fs, List<org.apache.hadoop.fs.Path> files)
      throws IOException {
    List<String> rows = new ArrayList<>();
    for (org.apache.hadoop.fs.Path p : files) {
      try (ParquetReader<Group> r =
          ParquetReader.builder(new GroupReadSupport(), p).withConf(fs.getConf()).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          rows.add(g.toString());
        }
      }
    }
    return rows;
  }
}
