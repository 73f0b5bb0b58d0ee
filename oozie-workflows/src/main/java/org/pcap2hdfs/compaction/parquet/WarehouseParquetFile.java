package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One warehouse Parquet file at a chosen path, written by the compaction's own {@link
 * WarehouseFileWriter} (same columns, order, types, encodings): for tools outside the compaction,
 * such as {@code pcap2hdfs decode --format parquet}, whose files must drop into a warehouse
 * partition. The file holds one row group; nothing is final on disk until {@link #close()}.
 */
public final class WarehouseParquetFile implements AutoCloseable {
  private final WarehouseFileWriter writer;
  private boolean closed;

  /**
   * @param path must not exist yet
   * @param metadata key-value metadata stored in the footer
   */
  public WarehouseParquetFile(
      Path path, Configuration conf, ParquetOptions options, Map<String, String> metadata)
      throws IOException {
    writer =
        new WarehouseFileWriter(
            new FixedBlockOutputFile(path, conf, options.blockSize()), conf, options, metadata);
  }

  /**
   * Appends the row whose Avro datum (row schema) is {@code datum[off, off + len)}.
   *
   * @throws IOException on write errors, or when the bytes are not a datum of the schema
   */
  public void write(byte[] datum, int off, int len) throws IOException {
    writer.write(datum, off, len);
  }

  /** Rows appended so far. */
  public long rows() {
    return writer.rows();
  }

  /** Writes the row group and the footer; errors propagate. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      writer.close();
    }
  }

  /** Gives up the file after a failure (a partial file may remain for the caller to remove). */
  public void abort() {
    if (!closed) {
      closed = true;
      writer.abort();
    }
  }
}
