package org.pcap2hdfs.compaction.parquet;

import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.pcap2hdfs.row.RowSchema;

/**
 * How warehouse files are written: the row schema, target size and codec, and the Parquet page and
 * dictionary sizes derived from the target (smaller targets get smaller pages, so the writer's
 * running size estimate stays close to the final file size).
 */
public final class ParquetOptions {
  private static final long MIB = 1L << 20;

  private final long targetSize;
  private final CompressionCodecName codec;
  private final TimestampUnit queryTsUnit;
  private final RowSchema rows;
  private final Set<String> bloomColumns;

  /** Options for DNS query rows. */
  public ParquetOptions(long targetSize, CompressionCodecName codec, TimestampUnit queryTsUnit) {
    this(RowSchema.get(), targetSize, codec, queryTsUnit);
  }

  public ParquetOptions(
      RowSchema rows, long targetSize, CompressionCodecName codec, TimestampUnit queryTsUnit) {
    this(rows, targetSize, codec, queryTsUnit, Set.of());
  }

  /**
   * @param bloomColumns string columns of {@code rows} that get a Bloom filter per row group
   */
  public ParquetOptions(
      RowSchema rows,
      long targetSize,
      CompressionCodecName codec,
      TimestampUnit queryTsUnit,
      Set<String> bloomColumns) {
    for (String c : bloomColumns) {
      if (!rows.has(c) || rows.kind(rows.indexOf(c)) != RowSchema.STRING) {
        throw new IllegalArgumentException("not a string column of " + rows.fileName() + ": " + c);
      }
    }
    this.bloomColumns = Set.copyOf(bloomColumns);
    this.rows = rows;
    this.targetSize = targetSize;
    this.codec = codec;
    this.queryTsUnit = queryTsUnit;
  }

  /** The schema of the rows (the staged Avro) the files hold. */
  public RowSchema rows() {
    return rows;
  }

  /** The columns written with a Bloom filter. */
  public Set<String> bloomColumns() {
    return bloomColumns;
  }

  public long targetSize() {
    return targetSize;
  }

  public CompressionCodecName codec() {
    return codec;
  }

  public TimestampUnit queryTsUnit() {
    return queryTsUnit;
  }

  /** HDFS block size of each file: the target plus 1/8 headroom, in whole MiB. */
  public long blockSize() {
    long b = targetSize + targetSize / 8;
    return Math.max(MIB, (b + MIB - 1) / MIB * MIB);
  }

  int pageSize() {
    return (int) clamp(targetSize / 256, 64 << 10, 1 << 20);
  }

  int pageRowCountLimit() {
    return (int) clamp(targetSize / 4096, 256, 20_000);
  }

  /**
   * Rows gathered before they go to the encoders column by column (a quarter of a page, 64..256:
   * 256 rows of 88 columns keep the batch in the L2 cache).
   */
  int batchRows() {
    return (int) clamp(pageRowCountLimit() / 4, 64, 256);
  }

  int dictionaryPageSize() {
    return (int) clamp(targetSize / 64, 16 << 10, 1 << 20);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
