package org.pcap2hdfs.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.compaction.testing.MiniDfs;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.compaction.testing.WarehouseRows;

/**
 * In-use files ({@code _*.avro.tmp}) on a MiniDFSCluster: a dead writer's (not modified for {@link
 * CompactionConfig#STALE_IN_USE_MINUTES}) is compacted up to its last complete block, a live
 * writer's holds its partition back, a garbage one fails its partition alone.
 */
@Timeout(180)
class CompactionInUseMiniDfsTest {
  private static final long DAY5_US = 1_709_596_800_000_000L; // 2024-03-05T00:00Z
  private static final long DAY_US = 86_400_000_000L;
  private static final Instant NOW = Instant.parse("2024-03-07T03:00:00Z");
  private static final long STALE = NOW.minus(Duration.ofMinutes(61)).toEpochMilli();
  private static final long FRESH = NOW.minus(Duration.ofMinutes(5)).toEpochMilli();
  private static final String D5NS1 = "year=2024/month=3/day=5/server=ns1";
  private static final String D5NS2 = "year=2024/month=3/day=5/server=ns2";
  private static final String D6NS1 = "year=2024/month=3/day=6/server=ns1";

  @TempDir static Path tmp;
  private static MiniDfs dfs;
  private static FileSystem fs;

  @BeforeAll
  static void start() throws IOException {
    dfs = new MiniDfs(tmp.resolve("dfs"));
    fs = dfs.fs();
  }

  @AfterAll
  static void stop() {
    if (dfs != null) {
      dfs.close();
    }
  }

  private static org.apache.hadoop.fs.Path p(String path) {
    return new org.apache.hadoop.fs.Path(path);
  }

  private static Configuration conf(String root) {
    return dfs.compactionConf(root, tmp.resolve("spill"));
  }

  private static RunReport run(Configuration c, Instant now) throws IOException {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();
  }

  /** Writes bytes as an in-use file last modified at {@code mtime}. */
  private static org.apache.hadoop.fs.Path inUse(String file, byte[] bytes, long mtime)
      throws IOException {
    StagedAvro.put(fs, p(file), bytes);
    fs.setTimes(p(file), mtime, -1);
    return p(file);
  }

  private static void closed(String file, SyntheticRows g, long from, long to) throws IOException {
    StagedAvro.write(fs, p(file), g::fill, from, to, CodecFactory.snappyCodec());
  }

  @Test
  void recoversADeadWritersCompleteBlocksAndHoldsBackALiveWritersPartition() throws Exception {
    String root = "/in-use";
    String staging = root + "/staging/";
    SyntheticRows g1 = new SyntheticRows(21, DAY5_US, DAY_US / 10_000, "ns1");
    SyntheticRows g2 = new SyntheticRows(22, DAY5_US, DAY_US / 10_000, "ns2");
    SyntheticRows g3 = new SyntheticRows(23, DAY5_US + DAY_US, DAY_US / 10_000, "ns1");
    // ns1, day 5: a closed file, and a dead writer's file of rows 3000..6000 (1000 of them also
    // in the closed file: re-delivered) in 6 blocks of 500, cut in the middle of the last one.
    closed(staging + D5NS1 + "/agent1.1.avro", g1, 0, 4_000);
    StagedAvro.Blocks b =
        StagedAvro.blocks(g1::fill, 3_000, 6_000, CodecFactory.snappyCodec(), 500);
    assertThat(b.ends).hasSize(7);
    long cut = (b.ends[5] + b.ends[6]) / 2;
    inUse(staging + D5NS1 + "/_agent1.2.avro.tmp", b.cut(cut), STALE);
    // ns2, day 5: a writer still at work (modified 5 minutes ago).
    closed(staging + D5NS2 + "/agent2.1.avro", g2, 0, 2_000);
    StagedAvro.Blocks live =
        StagedAvro.blocks(g2::fill, 2_000, 2_600, CodecFactory.nullCodec(), 200);
    inUse(staging + D5NS2 + "/_agent2.2.avro.tmp", live.cut(live.ends[2] + 7), FRESH);
    // ns1, day 6: only a dead writer's file holding nothing but its header.
    StagedAvro.Blocks empty = StagedAvro.blocks(g3::fill, 0, 0, CodecFactory.snappyCodec(), 1);
    assertThat(empty.ends).hasSize(1);
    inUse(staging + D6NS1 + "/_agent1.3.avro.tmp", empty.bytes, STALE);
    Configuration c = conf(root);
    List<String> liveBefore = MiniDfs.snapshot(fs, p(staging + D5NS2));

    RunReport r = run(c, NOW);

    assertThat(r.staleFilesRecovered()).isEqualTo(2);
    assertThat(r.staleRowsRecovered()).isEqualTo(2_500);
    assertThat(r.staleBytesDropped()).isEqualTo(cut - b.ends[5]);
    assertThat(r.rowsIn()).isEqualTo(4_000 + 2_500);
    assertThat(r.duplicates()).isEqualTo(1_000);
    assertThat(r.rowsOut()).isEqualTo(5_500);
    assertThat(r.liveInUseFiles()).isEqualTo(1);
    assertThat(r.deferred()).containsExactly(Partition.parse(D5NS2));
    assertThat(r.failed()).isEmpty();
    assertThat(r.published()).containsExactly(Partition.parse(D5NS1), Partition.parse(D6NS1));
    assertThat(r.toProperties())
        .containsEntry("staleFilesRecovered", "2")
        .containsEntry("staleRowsRecovered", "2500")
        .containsEntry("staleBytesDropped", Long.toString(cut - b.ends[5]))
        .containsEntry("liveInUseFiles", "1")
        .containsEntry("deferredCount", "1")
        .containsEntry("deferred", D5NS2);
    // Every row of the complete blocks, whole, once; none of the cut block.
    assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D5NS1)))
        .isEqualTo(WarehouseRows.eventColumns(g1, 0, 5_500));
    assertThat(fs.exists(p(root + "/warehouse/" + D6NS1))).isFalse();
    assertThat(fs.exists(p(root + "/warehouse/" + D5NS2))).isFalse();
    // The dead writers' files are consumed like the closed ones; the live writer's is untouched.
    assertThat(MiniDfs.files(fs, p(root + "/staging")).keySet())
        .containsExactly(D5NS2 + "/_agent2.2.avro.tmp", D5NS2 + "/agent2.1.avro");
    assertThat(MiniDfs.snapshot(fs, p(staging + D5NS2))).isEqualTo(liveBefore);

    // A rerun recovers nothing twice and changes nothing.
    List<String> before = MiniDfs.snapshot(fs, p(root));
    RunReport again = run(c, NOW);
    assertThat(again.staleFilesRecovered()).isZero();
    assertThat(again.rowsIn()).isZero();
    assertThat(again.deferred()).containsExactly(Partition.parse(D5NS2));
    assertThat(MiniDfs.snapshot(fs, p(root))).isEqualTo(before);

    // Once that writer has been quiet for the staleness period, its complete blocks go in too.
    RunReport later = run(c, Instant.ofEpochMilli(FRESH).plus(Duration.ofMinutes(61)));
    assertThat(later.published()).containsExactly(Partition.parse(D5NS2));
    assertThat(later.staleFilesRecovered()).isEqualTo(1);
    assertThat(later.staleRowsRecovered()).isEqualTo(400);
    assertThat(later.staleBytesDropped()).isEqualTo(7);
    assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D5NS2)))
        .isEqualTo(WarehouseRows.eventColumns(g2, 0, 2_400));
    assertThat(MiniDfs.files(fs, p(root + "/staging"))).isEmpty();
  }

  /**
   * HDFS leaves an open file's modification time at its creation (hflush does not move it), so an
   * old one does not mean a dead writer: an in-use file a writer still holds open is live however
   * old, holds its partition back and is left untouched, while a closed in-use file as old is a
   * dead writer's and is recovered. Once the writer closes it, it is recovered too.
   */
  @Test
  void anInUseFileStillOpenOnHdfsIsLiveHoweverOld() throws Exception {
    String root = "/open";
    String staging = root + "/staging/";
    SyntheticRows g1 = new SyntheticRows(41, DAY5_US, DAY_US / 10_000, "ns1");
    SyntheticRows g2 = new SyntheticRows(42, DAY5_US, DAY_US / 10_000, "ns2");
    closed(staging + D5NS1 + "/agent1.1.avro", g1, 0, 1_000);
    StagedAvro.Blocks open =
        StagedAvro.blocks(g1::fill, 1_000, 1_600, CodecFactory.snappyCodec(), 200);
    closed(staging + D5NS2 + "/agent2.1.avro", g2, 0, 1_000);
    StagedAvro.Blocks dead =
        StagedAvro.blocks(g2::fill, 1_000, 1_400, CodecFactory.snappyCodec(), 200);
    inUse(staging + D5NS2 + "/_agent2.2.avro.tmp", dead.bytes, STALE);
    org.apache.hadoop.fs.Path openFile = p(staging + D5NS1 + "/_agent1.2.avro.tmp");
    Configuration c = conf(root);
    // Another client, as a Flume agent is: it holds the lease and renews it.
    try (FileSystem writer = FileSystem.newInstance(dfs.conf())) {
      FSDataOutputStream out = writer.create(openFile, false);
      out.write(open.cut(open.ends[1]));
      out.hflush();
      fs.setTimes(openFile, STALE, -1);
      assertThat(fs.getFileStatus(openFile).getModificationTime()).isEqualTo(STALE);
      assertThat(((DistributedFileSystem) fs).isFileClosed(openFile)).isFalse();
      List<String> before = MiniDfs.snapshot(fs, p(staging + D5NS1));

      RunReport r = run(c, NOW);

      assertThat(r.deferred()).containsExactly(Partition.parse(D5NS1));
      assertThat(r.liveInUseFiles()).isEqualTo(1);
      assertThat(r.published()).containsExactly(Partition.parse(D5NS2));
      assertThat(r.staleFilesRecovered()).isEqualTo(1);
      assertThat(r.staleRowsRecovered()).isEqualTo(400);
      assertThat(r.failed()).isEmpty();
      assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D5NS2)))
          .isEqualTo(WarehouseRows.eventColumns(g2, 0, 1_400));
      assertThat(fs.exists(p(root + "/warehouse/" + D5NS1))).isFalse();
      assertThat(MiniDfs.snapshot(fs, p(staging + D5NS1))).isEqualTo(before);

      // The writer was alive: its next block lands in the file, then it closes it (or its lease
      // expires and the NameNode does), and a later run takes every complete block.
      out.write(open.bytes, (int) open.ends[1], (int) (open.ends[2] - open.ends[1]));
      out.hflush();
      out.write(open.bytes, (int) open.ends[2], 10);
      out.close();
    }
    assertThat(((DistributedFileSystem) fs).isFileClosed(openFile)).isTrue();
    fs.setTimes(openFile, STALE, -1);
    RunReport later = run(c, NOW);
    assertThat(later.published()).containsExactly(Partition.parse(D5NS1));
    assertThat(later.staleFilesRecovered()).isEqualTo(1);
    assertThat(later.staleRowsRecovered()).isEqualTo(400);
    assertThat(later.staleBytesDropped()).isEqualTo(10);
    assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D5NS1)))
        .isEqualTo(WarehouseRows.eventColumns(g1, 0, 1_400));
    assertThat(MiniDfs.files(fs, p(root + "/staging"))).isEmpty();
  }

  /**
   * An in-use file that is not an Avro container, or whose schema cannot be read, fails its own
   * partition (staging kept, nothing published) with its name; the other partitions are published
   * and the run fails at its end.
   */
  @Test
  void aGarbageInUseFileFailsOnlyItsPartition() throws Exception {
    String root = "/garbage";
    String staging = root + "/staging/";
    SyntheticRows g1 = new SyntheticRows(31, DAY5_US, DAY_US / 10_000, "ns1");
    SyntheticRows g2 = new SyntheticRows(32, DAY5_US, DAY_US / 10_000, "ns2");
    SyntheticRows g3 = new SyntheticRows(33, DAY5_US + DAY_US, DAY_US / 10_000, "ns1");
    closed(staging + D5NS1 + "/agent1.1.avro", g1, 0, 1_000);
    org.apache.hadoop.fs.Path junk =
        inUse(
            staging + D5NS1 + "/_agent1.2.avro.tmp",
            "not an Avro file at all".getBytes(StandardCharsets.UTF_8),
            STALE);
    closed(staging + D5NS2 + "/agent2.1.avro", g2, 0, 1_500);
    closed(staging + D6NS1 + "/agent1.1.avro", g3, 0, 800);
    org.apache.hadoop.fs.Path badSchema =
        inUse(staging + D6NS1 + "/_agent1.4.avro.tmp", headerWithSchema("{\"type\":"), STALE);
    Configuration c = conf(root);
    List<String> d5ns1 = MiniDfs.snapshot(fs, p(staging + D5NS1));
    List<String> d6ns1 = MiniDfs.snapshot(fs, p(staging + D6NS1));

    assertThatThrownBy(() -> run(c, NOW))
        .isInstanceOf(CompactionException.class)
        .hasMessageStartingWith("2 partitions failed:")
        .hasMessageContaining(
            "cannot read staged Avro " + fs.makeQualified(junk) + " after 0 records: ")
        .hasMessageContaining("bad magic")
        .hasMessageContaining(
            "cannot read staged Avro " + fs.makeQualified(badSchema) + " after 0 records: ");

    assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D5NS2)))
        .isEqualTo(WarehouseRows.eventColumns(g2, 0, 1_500));
    assertThat(fs.exists(p(root + "/warehouse/" + D5NS1))).isFalse();
    assertThat(fs.exists(p(root + "/warehouse/" + D6NS1))).isFalse();
    assertThat(fs.exists(p(root + "/warehouse/_compaction/tmp"))).isFalse();
    assertThat(MiniDfs.snapshot(fs, p(staging + D5NS1))).isEqualTo(d5ns1);
    assertThat(MiniDfs.snapshot(fs, p(staging + D6NS1))).isEqualTo(d6ns1);
    assertThat(fs.exists(p(staging + D5NS2))).isFalse();

    // One failing partition alone: its own exception, naming the file.
    fs.delete(badSchema, false);
    assertThatThrownBy(() -> run(c, NOW))
        .isInstanceOf(StagedFileException.class)
        .hasMessageStartingWith("cannot read staged Avro " + fs.makeQualified(junk));
    assertThat(WarehouseRows.readEventColumns(fs, p(root + "/warehouse/" + D6NS1)))
        .isEqualTo(WarehouseRows.eventColumns(g3, 0, 800));
  }

  /** An Avro container header (magic, metadata, sync marker) with the given schema text. */
  private static byte[] headerWithSchema(String schema) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(bytes, null);
    e.writeFixed(DataFileConstants.MAGIC);
    e.writeMapStart();
    e.setItemCount(1);
    e.startItem();
    e.writeString(DataFileConstants.SCHEMA);
    e.writeBytes(schema.getBytes(StandardCharsets.UTF_8));
    e.writeMapEnd();
    e.writeFixed(new byte[DataFileConstants.SYNC_SIZE]);
    e.flush();
    return bytes.toByteArray();
  }
}
