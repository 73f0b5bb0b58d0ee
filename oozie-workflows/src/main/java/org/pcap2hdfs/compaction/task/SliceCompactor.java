package org.pcap2hdfs.compaction.task;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
import org.pcap2hdfs.compaction.StagedFileException;
import org.pcap2hdfs.compaction.avro.StagedAvroReader;
import org.pcap2hdfs.compaction.parquet.ParquetOptions;
import org.pcap2hdfs.compaction.parquet.RollingParquetWriter;
import org.pcap2hdfs.compaction.parquet.WrittenFile;
import org.pcap2hdfs.compaction.publish.Manifest;
import org.pcap2hdfs.compaction.sort.ExternalSorter;
import org.pcap2hdfs.compaction.sort.RecordCursor;
import org.pcap2hdfs.compaction.sort.SortKey;
import org.pcap2hdfs.row.ByteSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one task, in a MapReduce map task or a local thread alike: reads every staged file of
 * the slice's partition (and the complete blocks of dead writers' in-use files), keeps the rows of
 * its slice, sorts them by the sort key in bounded memory (dropping repeated event_ids) and writes
 * them through a {@link RollingParquetWriter} under {@code <root>/<txn>/<partition path>/}, then
 * its {@link SliceResult}. A staged file it cannot read makes the result a failure of the partition
 * instead of an exception. Publishes nothing.
 */
public final class SliceCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(SliceCompactor.class);
  private static final int HEARTBEAT_ROWS = 1 << 16;

  private final FileSystem fs;
  private final FileSystem stagingFs;
  private final CompactionConfig config;
  private final ParquetOptions options;
  private final CompactionHooks hooks;
  private final Runnable heartbeat;

  /**
   * @param fs where the output goes
   * @param heartbeat called every few ten thousand rows (a map task reports progress with it)
   */
  public SliceCompactor(
      FileSystem fs,
      FileSystem stagingFs,
      CompactionConfig config,
      CompactionHooks hooks,
      Runnable heartbeat) {
    this.fs = fs;
    this.stagingFs = stagingFs;
    this.config = config;
    this.options =
        new ParquetOptions(
            config.rowSchema(),
            config.targetFileSize(),
            config.compression(),
            config.queryTsUnit(),
            config.bloomColumns());
    this.hooks = hooks;
    this.heartbeat = heartbeat;
  }

  /** Compacts the slice and writes its result; returns it. */
  public SliceResult compact(Slice slice, Path root) throws IOException {
    SliceResult result = new SliceResult();
    Path dir = new Path(new Path(root, slice.txn()), slice.partition().relativePath());
    try {
      compact(slice, dir, result);
    } catch (StagedFileException e) {
      LOG.error("{} failed, its staging is kept: {}", slice, e.getMessage());
      fs.delete(dir, true);
      result.outputs.clear();
      result.failure = e.getMessage();
    }
    result.write(fs, SliceResult.path(root, slice.txn(), slice.index()));
    return result;
  }

  private void compact(Slice slice, Path dir, SliceResult result) throws IOException {
    // A key of its own: a SortKey keeps the columns of the datum it walks, and tasks run in
    // threads.
    SortKey key = SortKey.of(config.rowSchema(), config.sortKey().columns().toArray(new String[0]));
    ByteSink keyBytes = new ByteSink(256);
    StagedAvroReader reader = new StagedAvroReader(stagingFs, config.rowSchema());
    long started = System.nanoTime();
    long[] kept = new long[1];
    try (ExternalSorter sorter =
        new ExternalSorter(
            config.sortBufferSize(),
            new File(config.spillDir()),
            config.spillCompress(),
            config.dedup())) {
      StagedAvroReader.DatumHandler toSorter =
          (data, pos, end) -> {
            keyBytes.reset();
            int len = key.encodeFromDatum(data, pos, end, keyBytes);
            if (!slice.keeps(key.eventIdHash(data))) {
              return len;
            }
            if ((++kept[0] & (HEARTBEAT_ROWS - 1)) == 0) {
              heartbeat.run();
            }
            try {
              sorter.add(keyBytes.bytes(), 0, keyBytes.length(), data, pos, len);
            } catch (IOException | RuntimeException e) {
              // Not the staged file's fault (a full or unwritable spill disk): a plain
              // CompactionException, which stops the run instead of failing the partition.
              throw new CompactionException(
                  "sorting partition "
                      + slice
                      + " failed after "
                      + sorter.added()
                      + " rows (spill directory "
                      + config.spillDir()
                      + "): "
                      + e,
                  e);
            }
            return len;
          };
      for (Path file : slice.files()) {
        reader.read(file, toSorter);
      }
      boolean first = slice.index() == 0;
      for (Path file : slice.stale()) {
        long before = kept[0];
        StagedAvroReader.Recovered r = reader.recover(file, toSorter);
        result.staleRows += kept[0] - before;
        if (first) {
          result.staleFiles++;
          result.staleBytesDropped += r.bytesDropped();
          LOG.warn(
              "{}: in-use file of a dead writer ({}): recovered {} rows"
                  + " ({} bytes), dropped {} bytes after its last complete block",
              file,
              staleReason(),
              r.rows(),
              r.bytesKept(),
              r.bytesDropped());
        }
      }
      result.rowsIn = kept[0];
      List<WrittenFile> files;
      try (RollingParquetWriter writer =
          new RollingParquetWriter(
              fs,
              dir,
              slice.filePrefix(),
              options,
              new RollingParquetWriter.SizeModel(),
              Map.of(
                  "pcap2hdfs.sort.columns",
                  key.toString(),
                  "pcap2hdfs.compaction.txn",
                  slice.txn()),
              f -> hooks.at(Step.FILE_CLOSED, f.path().toString()))) {
        RecordCursor c = sorter.sorted();
        result.readNanos = System.nanoTime() - started;
        while (c.next()) {
          writer.write(c.datumArray(), c.datumOffset(), c.datumLength());
          if ((++result.rowsOut & (HEARTBEAT_ROWS - 1)) == 0) {
            heartbeat.run();
          }
        }
        files = writer.finish();
      } catch (IOException | RuntimeException e) {
        throw new CompactionException(
            "writing partition "
                + slice
                + " to "
                + dir
                + " failed after "
                + result.rowsOut
                + " of "
                + result.rowsIn
                + " rows: "
                + e,
            e);
      }
      result.writeNanos = System.nanoTime() - started - result.readNanos;
      result.duplicates = sorter.duplicatesDropped();
      result.spilledRuns = sorter.spilledRuns();
      for (WrittenFile f : files) {
        result.outputs.add(new Manifest.OutputFile(f.path().getName(), f.rows(), f.bytes()));
      }
    }
  }

  private String staleReason() {
    return staleReason(config.staleInUse().toMinutes(), stagingFs instanceof DistributedFileSystem);
  }

  /** Why an in-use file counts as a dead writer's, for the log. */
  public static String staleReason(long minutes, boolean hdfs) {
    if (minutes == 0) {
      String key = CompactionConfig.STALE_IN_USE_MINUTES + "=0";
      return hdfs ? "closed by the NameNode, " + key : key + ": no writer is running";
    }
    return (hdfs ? "closed by the NameNode and " : "")
        + "not modified for "
        + minutes
        + " min or more";
  }
}
