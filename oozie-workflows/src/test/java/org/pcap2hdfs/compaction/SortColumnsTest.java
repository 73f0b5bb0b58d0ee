package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.RealisticRows;
import org.pcap2hdfs.compaction.testing.StagedAvro;

/** {@code sort.columns} decides the order of rows in each warehouse file. */
class SortColumnsTest {
  private static final int ROWS = 3000;

  @TempDir Path tmp;

  /** One key row of the file: qtype, src, domainname, event_id, in file order. */
  private static final class KeyRow {
    final long qtype;
    final String src;
    final String domainname;
    final String eventId;

    KeyRow(long qtype, String src, String domainname, String eventId) {
      this.qtype = qtype;
      this.src = src;
      this.domainname = domainname;
      this.eventId = eventId;
    }

    long qtype() {
      return qtype;
    }

    String src() {
      return src;
    }

    String domainname() {
      return domainname;
    }

    String eventId() {
      return eventId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyRow && ((KeyRow) o).eventId.equals(eventId);
    }

    @Override
    public int hashCode() {
      return eventId.hashCode();
    }

    @Override
    public String toString() {
      return qtype + "," + src + "," + domainname + "," + eventId;
    }
  }

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<KeyRow> BY_QTYPE_SRC =
      Comparator.comparingLong(KeyRow::qtype)
          .thenComparing(KeyRow::src, NULLS_FIRST)
          .thenComparing(KeyRow::eventId);

  @Test
  void anotherSortKeyGivesFilesSortedByIt() throws Exception {
    Path file = compact("qtype, src");
    List<KeyRow> rows = rowsInFileOrder(file);
    assertThat(rows).hasSize(ROWS);
    assertThat(rows).isSortedAccordingTo(BY_QTYPE_SRC);
    // Not by the default key: the setting changed the order.
    assertThat(rows)
        .isNotEqualTo(
            rows.stream()
                .sorted(Comparator.comparing(KeyRow::domainname, NULLS_FIRST))
                .collect(Collectors.toList()));
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      assertThat(r.getFileMetaData().getKeyValueMetaData())
          .containsEntry("pcap2hdfs.sort.columns", "qtype,src,event_id");
    }
  }

  @Test
  void theDefaultKeySortsByDomainThenTime() throws Exception {
    List<KeyRow> rows = rowsInFileOrder(compact(null));
    assertThat(rows).isSortedAccordingTo(Comparator.comparing(KeyRow::domainname, NULLS_FIRST));
    assertThat(rows).isNotEqualTo(rows.stream().sorted(BY_QTYPE_SRC).collect(Collectors.toList()));
  }

  /** Stages realistic rows, compacts them on the local file system, returns the one file. */
  private Path compact(String sortColumns) throws Exception {
    Configuration c = new Configuration();
    FileSystem fs = FileSystem.getLocal(c).getRawFileSystem();
    RealisticRows g = new RealisticRows(7, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(
            tmp.resolve("staging/year=2024/month=3/day=5/server=ns1/a.avro").toUri()),
        g::fill,
        0,
        ROWS,
        CodecFactory.nullCodec());
    c.set(CompactionConfig.STAGING_DIR, tmp.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    if (sortColumns != null) {
      c.set(CompactionConfig.SORT_COLUMNS, sortColumns);
    }
    Clock clock = Clock.fixed(Instant.parse("2024-03-07T12:00:00Z"), ZoneOffset.UTC);
    RunReport r = new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();
    assertThat(r.rowsOut()).isEqualTo(ROWS);
    try (Stream<Path> files =
        Files.list(tmp.resolve("warehouse/year=2024/month=3/day=5/server=ns1"))) {
      List<Path> parquet =
          files.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
      assertThat(parquet).hasSize(1);
      return parquet.get(0);
    }
  }

  private static List<KeyRow> rowsInFileOrder(Path file) throws Exception {
    List<KeyRow> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT qtype, src, domainname, event_id FROM read_parquet('"
                    + file
                    + "', file_row_number = true) ORDER BY file_row_number")) {
      while (rs.next()) {
        rows.add(new KeyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return rows;
  }
}
