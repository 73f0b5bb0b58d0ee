package org.pcap2hdfs.compaction.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Hadoop output file created with a chosen HDFS block size (whatever the row-group size handed to
 * Parquet), so that each Parquet file of the target size is exactly one block.
 */
final class FixedBlockOutputFile implements OutputFile {
  private final HadoopOutputFile file;
  private final long blockSize;

  FixedBlockOutputFile(Path path, Configuration conf, long blockSize) throws IOException {
    this.file = HadoopOutputFile.fromPath(path, conf);
    this.blockSize = blockSize;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return file.create(blockSize);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return file.createOrOverwrite(blockSize);
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
    return file.getPath();
  }
}
