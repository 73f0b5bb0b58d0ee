package org.pcap2hdfs.compaction;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.pcap2hdfs.compaction.CompactionHooks.Step;
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
 * Compacts one staging partition into Parquet files under a scratch directory: reads every staged
 * file (and the complete blocks of the in-use files of dead writers), sorts the rows by the sort
 * key in bounded memory (dropping repeated event_ids), and writes them through a {@link
 * RollingParquetWriter}. Returns the manifest of what was written; publishes nothing.
 */
public final class PartitionCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionCompactor.class);

  private final FileSystem fs;
  private final FileSystem stagingFs;
  private final CompactionConfig config;
  private final ParquetOptions options;
  private final RollingParquetWriter.SizeModel sizeModel;
  private final CompactionHooks hooks;

  /** Counts of the last partition compacted. */
  private long rowsIn;

  private long rowsOut;
  private long duplicates;
  private int spilledRuns;
  private long readNanos;
  private long writeNanos;
  private long staleFiles;
  private long staleRows;
  private long staleBytesDropped;

  public PartitionCompactor(
      FileSystem fs,
      FileSystem stagingFs,
      CompactionConfig config,
      RollingParquetWriter.SizeModel sizeModel,
      CompactionHooks hooks) {
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
    this.sizeModel = sizeModel;
    this.hooks = hooks;
  }

  /**
   * @param txnDir scratch directory of the transaction; files go to {@code <txnDir>/<partition
   *     path>/part-<txn>-NNNNN.parquet}
   */
  public Manifest compact(StagedPartition staged, String txn, Path txnDir) throws IOException {
    Partition p = staged.partition();
    SortKey key = config.sortKey();
    ByteSink keyBytes = new ByteSink(256);
    StagedAvroReader reader = new StagedAvroReader(stagingFs, config.rowSchema());
    rowsIn = 0;
    rowsOut = 0;
    staleFiles = 0;
    staleRows = 0;
    staleBytesDropped = 0;
    long started = System.nanoTime();
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
            try {
              sorter.add(keyBytes.bytes(), 0, keyBytes.length(), data, pos, len);
            } catch (IOException | RuntimeException e) {
              // Not the staged file's fault (a full or unwritable spill disk): a plain
              // CompactionException, which stops the run instead of failing partition by partition.
              throw new CompactionException(
                  "sorting partition "
                      + p
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
      for (Path file : staged.files()) {
        rowsIn += reader.read(file, toSorter);
      }
      for (Path file : staged.stale()) {
        StagedAvroReader.Recovered r = reader.recover(file, toSorter);
        rowsIn += r.rows();
        staleFiles++;
        staleRows += r.rows();
        staleBytesDropped += r.bytesDropped();
        LOG.warn(
            "{}: in-use file of a dead writer ({}): recovered {} rows"
                + " ({} bytes), dropped {} bytes after its last complete block",
            file,
            staleReason(),
            r.rows(),
            r.bytesKept(),
            r.bytesDropped());
      }
      Path dir = new Path(txnDir, p.relativePath());
      List<WrittenFile> files;
      try (RollingParquetWriter writer =
          new RollingParquetWriter(
              fs,
              dir,
              "part-" + txn,
              options,
              sizeModel,
              Map.of("pcap2hdfs.sort.columns", key.toString(), "pcap2hdfs.compaction.txn", txn),
              f -> hooks.at(Step.FILE_CLOSED, f.path().toString()))) {
        RecordCursor c = sorter.sorted();
        readNanos = System.nanoTime() - started;
        while (c.next()) {
          writer.write(c.datumArray(), c.datumOffset(), c.datumLength());
          rowsOut++;
        }
        files = writer.finish();
      } catch (IOException | RuntimeException e) {
        throw new CompactionException(
            "writing partition "
                + p
                + " to "
                + dir
                + " failed after "
                + rowsOut
                + " of "
                + rowsIn
                + " rows: "
                + e,
            e);
      }
      writeNanos = System.nanoTime() - started - readNanos;
      duplicates = sorter.duplicatesDropped();
      spilledRuns = sorter.spilledRuns();
      List<Manifest.OutputFile> outputs = new ArrayList<>();
      for (WrittenFile f : files) {
        outputs.add(new Manifest.OutputFile(f.path().getName(), f.rows(), f.bytes()));
      }
      List<Manifest.InputFile> inputs = new ArrayList<>();
      List<Path> consumed = new ArrayList<>(staged.files());
      consumed.addAll(staged.stale());
      for (Path in : consumed) {
        Path archive =
            config.archiveDir() == null
                ? null
                : new Path(new Path(config.archiveDir(), p.relativePath()), in.getName());
        inputs.add(new Manifest.InputFile(stagingFs.makeQualified(in), qualify(archive)));
      }
      return new Manifest(p, outputs, inputs);
    }
  }

  private String staleReason() {
    return staleReason(config.staleInUse().toMinutes(), stagingFs instanceof DistributedFileSystem);
  }

  /** Why an in-use file counts as a dead writer's, for the log. */
  static String staleReason(long minutes, boolean hdfs) {
    if (minutes == 0) {
      String key = CompactionConfig.STALE_IN_USE_MINUTES + "=0";
      return hdfs ? "closed by the NameNode, " + key : key + ": no writer is running";
    }
    return (hdfs ? "closed by the NameNode and " : "")
        + "not modified for "
        + minutes
        + " min or more";
  }

  private Path qualify(Path p) {
    return p == null ? null : stagingFs.makeQualified(p);
  }

  public long rowsIn() {
    return rowsIn;
  }

  public long rowsOut() {
    return rowsOut;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Time spent reading, sorting and spilling the input of the last partition. */
  public long readNanos() {
    return readNanos;
  }

  /** Time spent merging and writing Parquet for the last partition. */
  public long writeNanos() {
    return writeNanos;
  }

  public int spilledRuns() {
    return spilledRuns;
  }

  /** Stale in-use files read in the last partition. */
  public long staleFiles() {
    return staleFiles;
  }

  public long staleRows() {
    return staleRows;
  }

  /** Bytes after the last complete block of the stale files of the last partition. */
  public long staleBytesDropped() {
    return staleBytesDropped;
  }
}
