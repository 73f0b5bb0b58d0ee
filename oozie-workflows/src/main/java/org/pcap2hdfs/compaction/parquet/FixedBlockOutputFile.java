package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Hadoop output file created with a chosen HDFS block size (whatever the row-group size handed to
 * Parquet), so that each Parquet file of the target size is exactly one block.
 */
final class FixedBlockOutputFile implements OutputFile {
  private static final int BUFFER_SIZE = 1 << 16;

  private final FileSystem fs;
  private final Path path;
  private final long blockSize;
  private PositionOutputStream stream;

  FixedBlockOutputFile(Path path, Configuration conf, long blockSize) throws IOException {
    this.fs = path.getFileSystem(conf);
    this.path = path;
    this.blockSize = blockSize;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(false);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(true);
  }

  private PositionOutputStream open(boolean overwrite) throws IOException {
    stream =
        HadoopStreams.wrap(
            fs.create(path, overwrite, BUFFER_SIZE, fs.getDefaultReplication(path), blockSize));
    return stream;
  }

  /** Closes the stream after a failure, ignoring errors (the file is scratch). */
  void closeQuietly() {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException | RuntimeException e) {
        // abandoned scratch file; the next run removes it
      }
    }
  }

  @Override
  public boolean supportsBlockSize() {
    // No padding or alignment: each file holds exactly one row group.
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return blockSize;
  }

  @Override
  public String getPath() {
    return path.toString();
  }
}
