package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.avro.StagedAvroReader;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

class StagedAvroReaderTest {
  @TempDir Path tmp;
  private final FileSystem fs;

  StagedAvroReaderTest() throws IOException {
    fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
  }

  private org.apache.hadoop.fs.Path p(String name) {
    return new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri());
  }

  /** A file written before the last fields existed is read with them null. */
  @Test
  void readsAnOlderCompatibleSchemaThroughResolution() throws Exception {
    Schema ours = RowSchema.get().avro();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : ours.getFields().subList(0, ours.getFields().size() - 3)) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    Schema older = Schema.createRecord(ours.getName(), "older", ours.getNamespace(), false, fields);
    GenericRecord r = new GenericData.Record(older);
    for (Schema.Field f : older.getFields()) {
      r.put(f.name(), f.schema().getType() == Schema.Type.UNION ? null : defaultFor(f.schema()));
    }
    r.put("event_id", "e1");
    r.put("qname", "example.ca");
    try (OutputStream out = Files.newOutputStream(tmp.resolve("old.avro"));
        DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(older))) {
      w.create(older, out);
      w.append(r);
    }
    List<String> seen = new ArrayList<>();
    long n =
        new StagedAvroReader(fs)
            .read(
                p("old.avro"),
                (data, pos, end) -> {
                  Row row = new Row();
                  int len = AvroRowCodec.decode(data, pos, end - pos, row);
                  seen.add(
                      row.getString(Fields.EVENT_ID)
                          + " "
                          + row.getString(Fields.QNAME)
                          + " "
                          + row.isNull(Fields.ZONE));
                  return len;
                });
    assertThat(n).isEqualTo(1);
    assertThat(seen).containsExactly("e1 example.ca true");
  }

  private static int skip(byte[] data, int pos, int end) throws IOException {
    return AvroRowCodec.decode(data, pos, end - pos, new Row());
  }

  private static Object defaultFor(Schema s) {
    switch (s.getType()) {
      case INT:
        return 7;
      case LONG:
        return 7L;
      default:
        return "x";
    }
  }

  @Test
  void rejectsAnIncompatibleSchemaNamingTheFile() throws Exception {
    Schema other =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"DnsQuery\",\"namespace\":\"org.pcap2hdfs\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    try (OutputStream out = Files.newOutputStream(tmp.resolve("other.avro"));
        DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(other))) {
      w.create(other, out);
      GenericRecord r = new GenericData.Record(other);
      r.put("id", "x");
      w.append(r);
    }
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("other.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("schema mismatch: " + p("other.avro"))
        .hasMessageContaining("(0 records read)");
  }

  /** A file cut in its second block fails with its name and the records read before. */
  @Test
  void failsOnATruncatedFileNamingItAndTheRecordCount() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(fs, p("full.avro"), g::fill, 0, 3_000, CodecFactory.nullCodec());
    byte[] all = Files.readAllBytes(tmp.resolve("full.avro"));
    Files.write(tmp.resolve("cut.avro"), java.util.Arrays.copyOf(all, all.length - 2_000));
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("cut.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("cut.avro") + " after ")
        .hasMessageMatching("(?s).* after [1-9][0-9]* records: .*");
  }

  /**
   * A file cut anywhere after its header (as a writer that died leaves it) is recovered up to its
   * last complete block: exactly those rows, every field, and the bytes after that block dropped.
   */
  @Test
  void recoversTheCompleteBlocksOfAFileCutAnywhere() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.Blocks b = StagedAvro.blocks(g::fill, 0, 2_100, CodecFactory.snappyCodec(), 500);
    assertThat(b.ends).hasSize(6); // header, 4 blocks of 500, one of 100
    long last = b.ends[b.ends.length - 1];
    List<Long> cuts = new ArrayList<>();
    for (int k = 0; k < b.ends.length; k++) {
      cuts.add(b.ends[k]); // at a block boundary: nothing dropped
      if (k + 1 < b.ends.length) {
        long next = b.ends[k + 1];
        for (long c : new long[] {1, 2, 3, (next - b.ends[k]) / 2, next - b.ends[k] - 16}) {
          cuts.add(b.ends[k] + c); // in the block's count, size, data or sync marker
        }
        cuts.add(next - 1);
      }
    }
    for (long cut : cuts) {
      Files.write(tmp.resolve("cut.avro.tmp"), b.cut(cut));
      int complete = 0;
      while (complete + 1 < b.ends.length && b.ends[complete + 1] <= cut) {
        complete++;
      }
      long expectedRows = Math.min(complete * 500L, 2_100);
      List<Row> rows = new ArrayList<>();
      StagedAvroReader.Recovered r =
          new StagedAvroReader(fs)
              .recover(
                  p("cut.avro.tmp"),
                  (d, pos, end) -> {
                    Row row = new Row();
                    int len = AvroRowCodec.decode(d, pos, end - pos, row);
                    rows.add(row);
                    return len;
                  });
      assertThat(r.rows()).as("rows of a file cut at %d of %d", cut, last).isEqualTo(expectedRows);
      assertThat(r.bytesKept()).as("kept, cut at %d", cut).isEqualTo(b.ends[complete]);
      assertThat(r.bytesDropped()).as("dropped, cut at %d", cut).isEqualTo(cut - b.ends[complete]);
      assertThat(rows).hasSize((int) expectedRows);
      for (int i = 0; i < rows.size(); i++) {
        Row expected = new Row();
        g.fill(expected, i);
        assertThat(rows.get(i).toMap()).isEqualTo(expected.toMap());
      }
    }
  }

  /**
   * A file cut inside its header (the schema is larger than the writer's 8 KB buffer, so a writer
   * killed in its first append leaves part of it) holds no committed row: recovery gives 0 rows and
   * drops all its bytes. The strict reader of closed files still fails on it, and a file whose
   * first bytes are not Avro's magic fails either way.
   */
  @Test
  void recoveryTakesAFileCutInsideItsHeaderAsNoRows() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.Blocks b = StagedAvro.blocks(g::fill, 0, 500, CodecFactory.snappyCodec(), 500);
    long header = b.ends[0];
    assertThat(header).isGreaterThan(8_192);
    List<Long> cuts = new ArrayList<>();
    for (long c = 1; c < header; c += c < 64 ? 1 : 97) {
      cuts.add(c);
    }
    cuts.addAll(List.of(8_192L, header - 17, header - 16, header - 1));
    for (long cut : cuts) {
      Files.write(tmp.resolve("header.avro.tmp"), b.cut(cut));
      StagedAvroReader.Recovered r =
          new StagedAvroReader(fs)
              .recover(
                  p("header.avro.tmp"),
                  (d, pos, end) -> {
                    throw new AssertionError("a row in a file cut at " + cut);
                  });
      assertThat(r.rows()).as("rows, header cut at %d of %d", cut, header).isZero();
      assertThat(r.bytesKept()).as("kept, header cut at %d", cut).isZero();
      assertThat(r.bytesDropped()).as("dropped, header cut at %d", cut).isEqualTo(cut);
    }
    Files.write(tmp.resolve("header.avro"), b.cut(header - 1));
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("header.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(StagedFileException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("header.avro") + " after 0")
        .hasMessageContaining("ends inside its Avro header");
    for (String junk : new String[] {"Obx", "Oops, not Avro", "x"}) {
      Files.writeString(tmp.resolve("junk.avro.tmp"), junk);
      assertThatThrownBy(
              () ->
                  new StagedAvroReader(fs).recover(p("junk.avro.tmp"), StagedAvroReaderTest::skip))
          .as(junk)
          .isInstanceOf(StagedFileException.class)
          .hasMessageContaining("bad magic");
    }
  }

  /** Recovery forgives a cut tail (or header) only: a file corrupt before its tail fails. */
  @Test
  void recoveryFailsOnCorruptionBeforeTheTail() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.Blocks b = StagedAvro.blocks(g::fill, 0, 1_500, CodecFactory.nullCodec(), 500);
    byte[] bad = b.cut(b.ends[3] - 100);
    bad[(int) b.ends[1] - 1] ^= 1; // the sync marker of the first block
    Files.write(tmp.resolve("sync.avro.tmp"), bad);
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).recover(p("sync.avro.tmp"), StagedAvroReaderTest::skip))
        .isInstanceOf(StagedFileException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("sync.avro.tmp") + " after 0")
        .hasMessageContaining("wrong sync marker");
    // The strict reader of closed files does not forgive the cut tail.
    Files.write(tmp.resolve("tail.avro"), b.cut(b.ends[2] + 10));
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("tail.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(StagedFileException.class)
        .hasMessageContaining("after 1000 records");
  }

  /**
   * Snappy blocks are decompressed by our reader (not Avro's codec): every row comes back, and a
   * block whose checksum does not match its bytes fails.
   */
  @Test
  void readsSnappyBlocksAndRejectsABadChecksum() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(fs, p("s.avro"), g::fill, 0, 3_000, CodecFactory.snappyCodec());
    List<Row> rows = new ArrayList<>();
    new StagedAvroReader(fs)
        .read(
            p("s.avro"),
            (d, pos, end) -> {
              Row r = new Row();
              int len = AvroRowCodec.decode(d, pos, end - pos, r);
              rows.add(r);
              return len;
            });
    assertThat(rows).hasSize(3_000);
    for (int i : new int[] {0, 1_234, 2_999}) {
      Row expected = new Row();
      g.fill(expected, i);
      assertThat(rows.get(i).toMap()).isEqualTo(expected.toMap());
    }
    byte[] all = Files.readAllBytes(tmp.resolve("s.avro"));
    // The last block ends with its 4-byte CRC32 and the 16-byte sync marker.
    all[all.length - 16 - 1] ^= 1;
    Files.write(tmp.resolve("crc.avro"), all);
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("crc.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("crc.avro") + " after ")
        .hasMessageContaining("Checksum failure");
  }

  /**
   * A corrupt block header — a block size of 2 GB, or a Snappy block claiming 1 GB uncompressed —
   * is an error naming the file, read with a few MB allocated: never an OutOfMemoryError.
   */
  @Test
  void aCorruptBlockHeaderIsAnErrorNotAnAllocationOfWhatItClaims() throws Exception {
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.Blocks b = StagedAvro.blocks(g::fill, 0, 1_000, CodecFactory.snappyCodec(), 500);
    int header = (int) b.ends[0];
    byte[] sync = java.util.Arrays.copyOfRange(b.bytes, header - 16, header);
    java.io.ByteArrayOutputStream hugeSize = new java.io.ByteArrayOutputStream();
    hugeSize.write(b.bytes, 0, header);
    writeVarint(hugeSize, 500);
    writeVarint(hugeSize, Integer.MAX_VALUE - 17);
    hugeSize.write(b.bytes, header + 4, (int) b.ends[2] - header - 4); // the rest, as garbage
    Files.write(tmp.resolve("size.avro"), hugeSize.toByteArray());

    java.io.ByteArrayOutputStream hugeSnappy = new java.io.ByteArrayOutputStream();
    hugeSnappy.write(b.bytes, 0, header);
    byte[] data = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 1, 2, 3, 4, 5, 6, 7};
    writeVarint(hugeSnappy, 500);
    writeVarint(hugeSnappy, data.length);
    hugeSnappy.write(data);
    hugeSnappy.write(sync);
    Files.write(tmp.resolve("snappy.avro"), hugeSnappy.toByteArray());

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("size.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("size.avro") + " after 0 records")
        .hasMessageContaining("file ends inside a block of 500 records and 2147483630 bytes");
    assertThatThrownBy(
            () -> new StagedAvroReader(fs).read(p("snappy.avro"), StagedAvroReaderTest::skip))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("cannot read staged Avro " + p("snappy.avro") + " after 0 records")
        .hasMessageContaining("corrupt snappy block: 8 bytes claim 1073741824 uncompressed");
    // A dead writer's file with the huge size: its tail is dropped, nothing allocated for it.
    StagedAvroReader.Recovered r =
        new StagedAvroReader(fs).recover(p("size.avro"), StagedAvroReaderTest::skip);
    assertThat(r.rows()).isZero();
    assertThat(r.bytesKept()).isEqualTo(header);
    assertThat(threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before)
        .as("bytes allocated reading both files")
        .isLessThan(64L << 20);
  }

  private static void writeVarint(java.io.ByteArrayOutputStream out, long v) {
    long n = (v << 1) ^ (v >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }

  /** An unreadable file fails the run; its partition is not published, its Avro stays. */
  @Test
  void anUnreadableFileFailsTheRunAndPublishesNothingOfItsPartition() throws Exception {
    String staging = tmp.resolve("staging").toUri().toString();
    String dir = staging + "/year=2024/month=3/day=5/server=ns1/";
    SyntheticRows g = new SyntheticRows(5, 1_709_596_800_000_000L, 1_000_000, "ns1");
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(dir + "a.avro"),
        g::fill,
        0,
        100,
        CodecFactory.nullCodec());
    Files.writeString(tmp.resolve("staging/year=2024/month=3/day=5/server=ns1/b.avro"), "junk");
    Configuration c = new Configuration();
    c.set(CompactionConfig.STAGING_DIR, staging);
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.PARTITIONS, "year=2024/month=3/day=5");
    assertThatThrownBy(
            () ->
                new Compactor(CompactionConfig.from(c), Clock.systemUTC(), CompactionHooks.NONE)
                    .run())
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("cannot read staged Avro file:")
        .hasMessageContaining("/server=ns1/b.avro after 0 records: ");
    assertThat(tmp.resolve("warehouse/year=2024")).doesNotExist();
    assertThat(tmp.resolve("staging/year=2024/month=3/day=5/server=ns1/a.avro")).exists();
  }

  /**
   * A spill that fails (here the spill directory is a plain file; in production a full disk) is not
   * the staged files' fault: it stops the run at once as a plain CompactionException, instead of
   * failing every partition with "cannot read staged Avro" naming files that are fine.
   */
  @Test
  void aFailingSpillStopsTheRunWithoutBlamingTheStagedFiles() throws Exception {
    String staging = tmp.resolve("staging").toUri().toString();
    for (String server : new String[] {"ns1", "ns2"}) {
      SyntheticRows g = new SyntheticRows(6, 1_709_596_800_000_000L, 1_000_000, server);
      StagedAvro.write(
          fs,
          new org.apache.hadoop.fs.Path(
              staging + "/year=2024/month=3/day=5/server=" + server + "/a.avro"),
          g::fill,
          0,
          20_000,
          CodecFactory.nullCodec());
    }
    Path notADirectory = Files.writeString(tmp.resolve("spill"), "a file, not a directory");
    Configuration c = new Configuration();
    c.set(CompactionConfig.STAGING_DIR, staging);
    c.set(CompactionConfig.WAREHOUSE_DIR, tmp.resolve("warehouse").toUri().toString());
    c.set(CompactionConfig.PARTITIONS, "year=2024/month=3/day=5");
    c.set(CompactionConfig.SORT_BUFFER_SIZE, "1m");
    c.set(CompactionConfig.SPILL_DIR, notADirectory.toString());
    assertThatThrownBy(
            () ->
                new Compactor(CompactionConfig.from(c), Clock.systemUTC(), CompactionHooks.NONE)
                    .run())
        .isInstanceOf(CompactionException.class)
        .isNotInstanceOf(StagedFileException.class)
        .hasMessageStartingWith(
            "sorting partition year=2024/month=3/day=5/server=ns1 failed after ")
        .hasMessageContaining("spill directory " + notADirectory)
        .hasMessageNotContaining("cannot read staged Avro");
    assertThat(tmp.resolve("warehouse/year=2024")).doesNotExist();
    assertThat(tmp.resolve("staging/year=2024/month=3/day=5/server=ns1/a.avro")).exists();
    assertThat(tmp.resolve("staging/year=2024/month=3/day=5/server=ns2/a.avro")).exists();
  }

  /** The WARN of a recovered file says why it counts as a dead writer's, also for 0 minutes. */
  @Test
  void theRecoveryWarningReadsRightForEveryStalenessSetting() {
    assertThat(org.pcap2hdfs.compaction.task.SliceCompactor.staleReason(0, false))
        .isEqualTo("pcap2hdfs.compaction.stale.in.use.minutes=0: no writer is running");
    assertThat(org.pcap2hdfs.compaction.task.SliceCompactor.staleReason(0, true))
        .isEqualTo("closed by the NameNode, pcap2hdfs.compaction.stale.in.use.minutes=0");
    assertThat(org.pcap2hdfs.compaction.task.SliceCompactor.staleReason(60, false))
        .isEqualTo("not modified for 60 min or more");
    assertThat(org.pcap2hdfs.compaction.task.SliceCompactor.staleReason(60, true))
        .isEqualTo("closed by the NameNode and not modified for 60 min or more");
  }
}
