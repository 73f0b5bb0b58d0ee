package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows into a sequence of Parquet files in one directory, starting a new file when the
 * current one reaches the target size: one row group per file, dictionary encoding on. The size is
 * predicted from Parquet's running estimate times a correction learned from the files closed before
 * (shared through {@link SizeModel}). Errors on write or close propagate; the list of closed files
 * is only returned by a successful {@link #finish()}.
 */
public final class RollingParquetWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RollingParquetWriter.class);

  private final FileSystem fs;
  private final Configuration conf;
  private final Path dir;
  private final String namePrefix;
  private final ParquetOptions options;
  private final SizeModel model;
  private final Map<String, String> metadata;
  private final Listener listener;
  private final List<WrittenFile> closed = new ArrayList<>();
  private WarehouseFileWriter writer;
  private Path current;

  /**
   * @param namePrefix file names are {@code <namePrefix>-<5-digit sequence>.parquet}
   * @param metadata key-value metadata stored in each footer
   * @param listener told about each closed file
   */
  public RollingParquetWriter(
      FileSystem fs,
      Path dir,
      String namePrefix,
      ParquetOptions options,
      SizeModel model,
      Map<String, String> metadata,
      Listener listener) {
    this.fs = fs;
    this.conf = fs.getConf();
    this.dir = dir;
    this.namePrefix = namePrefix;
    this.options = options;
    this.model = model;
    this.metadata = metadata;
    this.listener = listener;
  }

  /** Told about each file right after it was closed successfully. */
  public interface Listener {
    void closed(WrittenFile file) throws IOException;
  }

  /**
   * Appends the row whose Avro datum (event schema) is {@code datum[off, off + len)}.
   *
   * @throws IOException on write errors, or when the bytes are not a datum of the schema
   */
  public void write(byte[] datum, int off, int len) throws IOException {
    if (writer == null) {
      open();
    }
    if (writer.write(datum, off, len) && model.full(writer.estimatedSize(), options.targetSize())) {
      closeCurrent(true);
    }
  }

  private void open() throws IOException {
    current = new Path(dir, String.format("%s-%05d.parquet", namePrefix, closed.size()));
    writer =
        new WarehouseFileWriter(
            new FixedBlockOutputFile(current, conf, options.blockSize()), conf, options, metadata);
  }

  private void closeCurrent(boolean full) throws IOException {
    long estimate = writer.estimatedSize();
    long rows = writer.rows();
    WarehouseFileWriter w = writer;
    writer = null;
    w.close();
    long bytes = fs.getFileStatus(current).getLen();
    if (full) {
      model.learn(estimate, bytes);
    }
    LOG.debug(
        "closed {}: {} rows, {} bytes (estimate {}, size ratio now {})",
        current,
        rows,
        bytes,
        estimate,
        model.ratio());
    WrittenFile f = new WrittenFile(current, rows, bytes);
    closed.add(f);
    current = null;
    listener.closed(f);
  }

  /** Closes the last file and returns every file written, in order. */
  public List<WrittenFile> finish() throws IOException {
    if (writer != null) {
      closeCurrent(false);
    }
    return Collections.unmodifiableList(new ArrayList<>(closed));
  }

  /** Abandons an unfinished file after a failure (its bytes stay for the caller's cleanup). */
  @Override
  public void close() {
    if (writer != null) {
      writer.abort();
      writer = null;
    }
  }

  /** Learns how Parquet's running size estimate relates to the closed file size. */
  public static final class SizeModel {
    private double ratio = 1.0;
    private int learned;

    boolean full(long estimate, long target) {
      return estimate * ratio >= target;
    }

    void learn(long estimate, long actual) {
      if (estimate <= 0 || actual <= 0) {
        return;
      }
      double observed = Math.max(0.25, Math.min(2.0, (double) actual / estimate));
      ratio = learned == 0 ? observed : 0.5 * ratio + 0.5 * observed;
      learned++;
    }

    public double ratio() {
      return ratio;
    }
  }
}
