package org.pcap2hdfs.compaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.pcap2hdfs.compaction.parquet.TimestampUnit;
import org.pcap2hdfs.compaction.sort.SortKey;
import org.pcap2hdfs.row.RowSchema;

/**
 * The compaction job's settings: every key declared once here with its default and a one-line doc,
 * read from a Hadoop {@link Configuration} (the Oozie action configuration, a {@code --conf} file,
 * {@code -D} arguments) and validated with messages that name the key.
 */
public final class CompactionConfig {
  private static final String P = "pcap2hdfs.compaction.";

  /**
   * Which rows the staging holds and the warehouse table gets: dns (dns_query.avsc) or icmp
   * (icmp_message.avsc); each kind has its own staging root, warehouse and Impala table.
   */
  public static final String ROW_KIND = P + "row.kind";

  public static final String DEFAULT_ROW_KIND = RowSchema.KIND_DNS;

  /** Root of the staged Avro: {@code <dir>/year=Y/month=M/day=D/server=S/*.avro} (required). */
  public static final String STAGING_DIR = P + "staging.dir";

  /** Root (Impala table LOCATION) of the Parquet warehouse table (required). */
  public static final String WAREHOUSE_DIR = P + "warehouse.dir";

  /**
   * Scratch, commit journal and Impala markers; must be on the warehouse's file system (renames).
   * Default: {@code <warehouse.dir>/_compaction}, which Impala and Hive ignore (leading '_').
   */
  public static final String WORK_DIR = P + "work.dir";

  public static final String WORK_DIR_NAME = "_compaction";

  /** Where processed Avro is moved (same layout as staging); empty: processed Avro is deleted. */
  public static final String ARCHIVE_DIR = P + "archive.dir";

  public static final String DEFAULT_ARCHIVE_DIR = "";

  /**
   * Comma-separated partitions to compact regardless of the grace period, as {@code
   * year=Y/month=M/day=D[/server=S]}; empty: every closed partition.
   */
  public static final String PARTITIONS = P + "partitions";

  public static final String DEFAULT_PARTITIONS = "";

  /** A day's partition is closed this many minutes after the day ended (UTC). */
  public static final String GRACE_MINUTES = P + "grace.minutes";

  public static final long DEFAULT_GRACE_MINUTES = 120;

  /**
   * An in-use file ({@code _*.avro.tmp}) not modified for this many minutes (and, on HDFS, closed
   * by the NameNode) was left by a writer that died: its complete blocks are compacted. A fresher
   * one, or one HDFS still has open however old, holds its partition back.
   */
  public static final String STALE_IN_USE_MINUTES = P + "stale.in.use.minutes";

  public static final long DEFAULT_STALE_IN_USE_MINUTES = 60;

  /** Only staged files with this suffix are read (Flume's hdfs.fileSuffix). */
  public static final String INPUT_SUFFIX = P + "input.suffix";

  public static final String DEFAULT_INPUT_SUFFIX = ".avro";

  /** Target size of each Parquet file, bytes (suffixes k, m, g accepted). */
  public static final String TARGET_FILE_SIZE = P + "target.file.size";

  public static final long DEFAULT_TARGET_FILE_SIZE = 256L << 20;

  /** Parquet compression: SNAPPY, ZSTD, GZIP or UNCOMPRESSED. */
  public static final String COMPRESSION = P + "compression";

  public static final String DEFAULT_COMPRESSION = "SNAPPY";

  /** Comma-separated string columns written with a Parquet Bloom filter per row group. */
  public static final String BLOOM_COLUMNS = P + "bloom.columns";

  public static final String DEFAULT_BLOOM_COLUMNS = "qname,domainname,src";

  /** Default Bloom filter columns of ICMP rows: none. */
  public static final String DEFAULT_ICMP_BLOOM_COLUMNS = "";

  /** Comma-separated schema columns each output file is sorted by (default: by row kind). */
  public static final String SORT_COLUMNS = P + "sort.columns";

  public static final String DEFAULT_SORT_COLUMNS = "domainname,time_us";

  /** Default sort columns of ICMP rows. */
  public static final String DEFAULT_ICMP_SORT_COLUMNS = "time_us";

  /** Memory for sorting before a run is spilled to disk, bytes (suffixes k, m, g accepted). */
  public static final String SORT_BUFFER_SIZE = P + "sort.buffer.size";

  public static final long DEFAULT_SORT_BUFFER_SIZE = 256L << 20;

  /** Local directory for sorted runs spilled to disk; empty: the JVM's java.io.tmpdir. */
  public static final String SPILL_DIR = P + "spill.dir";

  public static final String DEFAULT_SPILL_DIR = "";

  /** Compress spilled runs with Snappy. */
  public static final String SPILL_COMPRESS = P + "spill.compress";

  public static final boolean DEFAULT_SPILL_COMPRESS = true;

  /** Drop rows whose event_id was already seen in the same run and partition. */
  public static final String DEDUP = P + "dedup";

  public static final boolean DEFAULT_DEDUP = true;

  /**
   * Type of the query_ts column: MICROS (INT64 TIMESTAMP_MICROS from time_us), MILLIS (INT64
   * TIMESTAMP_MILLIS from time) or INT96 (legacy INT96 from time_us, for pre-3.2 Impala and old
   * Hive).
   */
  public static final String QUERY_TS_UNIT = P + "query_ts.unit";

  public static final String DEFAULT_QUERY_TS_UNIT = "MICROS";

  /** How Impala is told about new partitions: skip, jdbc or shell (impala-shell script). */
  public static final String IMPALA_MODE = P + "impala.mode";

  public static final String DEFAULT_IMPALA_MODE = "skip";

  /** Impala table of the warehouse, as db.table (default: by row kind). */
  public static final String IMPALA_TABLE = P + "impala.table";

  public static final String DEFAULT_IMPALA_TABLE = "dns.queries";

  /** Default Impala table of ICMP rows. */
  public static final String DEFAULT_ICMP_IMPALA_TABLE = "dns.icmp";

  /** Run COMPUTE INCREMENTAL STATS on each new partition. */
  public static final String IMPALA_COMPUTE_STATS = P + "impala.compute.stats";

  public static final boolean DEFAULT_IMPALA_COMPUTE_STATS = true;

  /** JDBC URL of an impalad (impala.mode=jdbc), e.g. jdbc:impala://host:21050/default. */
  public static final String IMPALA_JDBC_URL = P + "impala.jdbc.url";

  /** JDBC driver class the operator put on the classpath (impala.mode=jdbc); empty: by URL. */
  public static final String IMPALA_JDBC_DRIVER = P + "impala.jdbc.driver";

  public static final String DEFAULT_IMPALA_JDBC_DRIVER = "";

  /** Drop warehouse partitions and archived Avro older than this many days; 0 keeps all. */
  public static final String RETENTION_DAYS = P + "retention.days";

  public static final int DEFAULT_RETENTION_DAYS = 0;

  /**
   * Where the slices run: {@code local} (threads of this JVM) or {@code mapreduce} (a map-only
   * MapReduce job on the cluster's YARN, one map task per slice).
   */
  public static final String ENGINE = P + "engine";

  public static final String DEFAULT_ENGINE = "local";

  /**
   * Most slices compacted at once: threads of the local engine (0: one per core), running map tasks
   * of the MapReduce engine (0: as many as YARN grants).
   */
  public static final String TASKS = P + "tasks";

  public static final int DEFAULT_TASKS = 0;

  /** Memory of a MapReduce task's container, MB; the heap is Hadoop's share of it (0.8). */
  public static final String TASK_MEMORY_MB = P + "task.memory.mb";

  public static final int DEFAULT_TASK_MEMORY_MB = 2048;

  /**
   * Staged bytes per slice: a partition is cut into ceil(staged bytes / this) slices by a hash of
   * event_id, each compacted by its own task into its own files. Every slice reads the whole
   * partition, so keep it large (suffixes k, m, g accepted).
   */
  public static final String SLICE_BYTES = P + "slice.bytes";

  public static final long DEFAULT_SLICE_BYTES = 4L << 30;

  /** Every key above, for documentation and checks. */
  public static final List<String> KEYS =
      List.of(
          ROW_KIND,
          STAGING_DIR,
          WAREHOUSE_DIR,
          WORK_DIR,
          ARCHIVE_DIR,
          PARTITIONS,
          GRACE_MINUTES,
          STALE_IN_USE_MINUTES,
          INPUT_SUFFIX,
          TARGET_FILE_SIZE,
          COMPRESSION,
          BLOOM_COLUMNS,
          SORT_COLUMNS,
          SORT_BUFFER_SIZE,
          SPILL_DIR,
          SPILL_COMPRESS,
          DEDUP,
          QUERY_TS_UNIT,
          IMPALA_MODE,
          IMPALA_TABLE,
          IMPALA_COMPUTE_STATS,
          IMPALA_JDBC_URL,
          IMPALA_JDBC_DRIVER,
          RETENTION_DAYS,
          ENGINE,
          TASKS,
          TASK_MEMORY_MB,
          SLICE_BYTES);

  /** Where the slices run. */
  public enum Engine {
    LOCAL,
    MAPREDUCE
  }

  /** How Impala learns about published and dropped partitions. */
  public enum ImpalaMode {
    SKIP,
    JDBC,
    SHELL
  }

  private final Configuration conf;
  private final RowSchema rowSchema;
  private final Path stagingDir;
  private final Path warehouseDir;
  private final Path workDir;
  private final Path archiveDir;
  private final List<String> partitions;
  private final Duration grace;
  private final Duration staleInUse;
  private final String inputSuffix;
  private final long targetFileSize;
  private final CompressionCodecName compression;
  private final Set<String> bloomColumns;
  private final SortKey sortKey;
  private final long sortBufferSize;
  private final String spillDir;
  private final boolean spillCompress;
  private final boolean dedup;
  private final TimestampUnit queryTsUnit;
  private final ImpalaMode impalaMode;
  private final String impalaTable;
  private final boolean impalaComputeStats;
  private final String impalaJdbcUrl;
  private final String impalaJdbcDriver;
  private final int retentionDays;
  private final Engine engine;
  private final int tasks;
  private final int taskMemoryMb;
  private final long sliceBytes;

  private CompactionConfig(Configuration conf) {
    this.conf = conf;
    String kind = conf.getTrimmed(ROW_KIND, DEFAULT_ROW_KIND).toLowerCase(Locale.ENGLISH);
    try {
      rowSchema = RowSchema.ofKind(kind);
    } catch (IllegalArgumentException e) {
      throw invalid(ROW_KIND, kind, "must be " + RowSchema.KIND_DNS + " or " + RowSchema.KIND_ICMP);
    }
    boolean icmp = rowSchema == RowSchema.icmp();
    stagingDir = new Path(required(conf, STAGING_DIR));
    warehouseDir = new Path(required(conf, WAREHOUSE_DIR));
    String work = conf.getTrimmed(WORK_DIR, "");
    workDir = work.isEmpty() ? new Path(warehouseDir, WORK_DIR_NAME) : new Path(work);
    String archive = conf.getTrimmed(ARCHIVE_DIR, DEFAULT_ARCHIVE_DIR);
    archiveDir = archive.isEmpty() ? null : new Path(archive);
    List<String> parts = new ArrayList<>();
    for (String p : conf.getTrimmedStrings(PARTITIONS)) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    partitions = Collections.unmodifiableList(parts);
    long graceMinutes = conf.getLong(GRACE_MINUTES, DEFAULT_GRACE_MINUTES);
    if (graceMinutes < 0) {
      throw invalid(GRACE_MINUTES, graceMinutes, "must be >= 0");
    }
    grace = Duration.ofMinutes(graceMinutes);
    long staleMinutes = conf.getLong(STALE_IN_USE_MINUTES, DEFAULT_STALE_IN_USE_MINUTES);
    if (staleMinutes < 0) {
      throw invalid(STALE_IN_USE_MINUTES, staleMinutes, "must be >= 0");
    }
    staleInUse = Duration.ofMinutes(staleMinutes);
    inputSuffix = conf.getTrimmed(INPUT_SUFFIX, DEFAULT_INPUT_SUFFIX);
    targetFileSize = conf.getLongBytes(TARGET_FILE_SIZE, DEFAULT_TARGET_FILE_SIZE);
    if (targetFileSize < (64L << 10) || targetFileSize > (1L << 30)) {
      throw invalid(TARGET_FILE_SIZE, targetFileSize, "must be between 64k and 1g");
    }
    compression =
        parseEnum(
            COMPRESSION,
            conf.getTrimmed(COMPRESSION, DEFAULT_COMPRESSION),
            CompressionCodecName.class,
            List.of(
                CompressionCodecName.SNAPPY,
                CompressionCodecName.ZSTD,
                CompressionCodecName.GZIP,
                CompressionCodecName.UNCOMPRESSED));
    bloomColumns = new LinkedHashSet<>();
    String blooms =
        conf.getTrimmed(BLOOM_COLUMNS, icmp ? DEFAULT_ICMP_BLOOM_COLUMNS : DEFAULT_BLOOM_COLUMNS);
    for (String c : blooms.split(",")) {
      if (c.isBlank()) {
        continue;
      }
      c = c.trim();
      bloomColumns.add(c);
      if (!rowSchema.has(c) || rowSchema.kind(rowSchema.indexOf(c)) != RowSchema.STRING) {
        throw invalid(BLOOM_COLUMNS, c, "must name string columns of " + rowSchema.fileName());
      }
    }
    try {
      String sortDefault = icmp ? DEFAULT_ICMP_SORT_COLUMNS : DEFAULT_SORT_COLUMNS;
      sortKey = SortKey.of(rowSchema, conf.getTrimmedStrings(SORT_COLUMNS, sortDefault.split(",")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SORT_COLUMNS + ": " + e.getMessage(), e);
    }
    sortBufferSize = conf.getLongBytes(SORT_BUFFER_SIZE, DEFAULT_SORT_BUFFER_SIZE);
    if (sortBufferSize < (1L << 20) || sortBufferSize > (1L << 31)) {
      throw invalid(SORT_BUFFER_SIZE, sortBufferSize, "must be between 1m and 2g");
    }
    spillDir = conf.getTrimmed(SPILL_DIR, DEFAULT_SPILL_DIR);
    spillCompress = bool(conf, SPILL_COMPRESS, DEFAULT_SPILL_COMPRESS);
    dedup = bool(conf, DEDUP, DEFAULT_DEDUP);
    queryTsUnit =
        parseEnum(
            QUERY_TS_UNIT,
            conf.getTrimmed(QUERY_TS_UNIT, DEFAULT_QUERY_TS_UNIT),
            TimestampUnit.class,
            List.of(TimestampUnit.values()));
    impalaMode =
        parseEnum(
            IMPALA_MODE,
            conf.getTrimmed(IMPALA_MODE, DEFAULT_IMPALA_MODE),
            ImpalaMode.class,
            List.of(ImpalaMode.values()));
    impalaTable =
        conf.getTrimmed(IMPALA_TABLE, icmp ? DEFAULT_ICMP_IMPALA_TABLE : DEFAULT_IMPALA_TABLE);
    if (!impalaTable.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw invalid(IMPALA_TABLE, impalaTable, "must be an identifier or db.table");
    }
    impalaComputeStats = bool(conf, IMPALA_COMPUTE_STATS, DEFAULT_IMPALA_COMPUTE_STATS);
    impalaJdbcUrl = conf.getTrimmed(IMPALA_JDBC_URL, "");
    impalaJdbcDriver = conf.getTrimmed(IMPALA_JDBC_DRIVER, DEFAULT_IMPALA_JDBC_DRIVER);
    if (impalaMode == ImpalaMode.JDBC && !impalaJdbcUrl.startsWith("jdbc:")) {
      throw invalid(IMPALA_JDBC_URL, impalaJdbcUrl, "must be a jdbc: URL when impala.mode=jdbc");
    }
    retentionDays = conf.getInt(RETENTION_DAYS, DEFAULT_RETENTION_DAYS);
    if (retentionDays < 0) {
      throw invalid(RETENTION_DAYS, retentionDays, "must be >= 0 (0 keeps everything)");
    }
    engine =
        parseEnum(
            ENGINE,
            conf.getTrimmed(ENGINE, DEFAULT_ENGINE),
            Engine.class,
            List.of(Engine.values()));
    tasks = conf.getInt(TASKS, DEFAULT_TASKS);
    if (tasks < 0) {
      throw invalid(TASKS, tasks, "must be >= 0 (0: one per core locally, no limit on YARN)");
    }
    taskMemoryMb = conf.getInt(TASK_MEMORY_MB, DEFAULT_TASK_MEMORY_MB);
    if (taskMemoryMb < 256) {
      throw invalid(TASK_MEMORY_MB, taskMemoryMb, "must be >= 256");
    }
    if (engine == Engine.MAPREDUCE && sortBufferSize > (taskMemoryMb * (1L << 20)) / 2) {
      throw invalid(
          SORT_BUFFER_SIZE,
          sortBufferSize,
          "must be at most half of " + TASK_MEMORY_MB + "=" + taskMemoryMb + " (MB)");
    }
    sliceBytes = conf.getLongBytes(SLICE_BYTES, DEFAULT_SLICE_BYTES);
    if (sliceBytes < (1L << 20)) {
      throw invalid(SLICE_BYTES, sliceBytes, "must be >= 1m");
    }
  }

  /** Reads and validates the settings; fails with a message naming the offending key. */
  public static CompactionConfig from(Configuration conf) {
    return new CompactionConfig(conf);
  }

  private static String required(Configuration conf, String key) {
    String v = conf.getTrimmed(key, "");
    if (v.isEmpty()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }

  private static boolean bool(Configuration conf, String key, boolean dflt) {
    String v = conf.getTrimmed(key, Boolean.toString(dflt)).toLowerCase(Locale.ENGLISH);
    if (!v.equals("true") && !v.equals("false")) {
      throw invalid(key, v, "must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  private static <E extends Enum<E>> E parseEnum(
      String key, String value, Class<E> type, List<E> allowed) {
    for (E e : allowed) {
      if (e.name().equals(value.toUpperCase(Locale.ENGLISH))) {
        return e;
      }
    }
    throw invalid(key, value, "must be one of " + allowed);
  }

  private static IllegalArgumentException invalid(String key, Object value, String why) {
    return new IllegalArgumentException(key + "=" + value + ": " + why);
  }

  public Configuration hadoop() {
    return conf;
  }

  /** The schema of the staged rows and of the warehouse table. */
  public RowSchema rowSchema() {
    return rowSchema;
  }

  public Path stagingDir() {
    return stagingDir;
  }

  public Path warehouseDir() {
    return warehouseDir;
  }

  public Path workDir() {
    return workDir;
  }

  /** The archive root, or null when processed Avro is deleted. */
  public Path archiveDir() {
    return archiveDir;
  }

  public List<String> partitions() {
    return partitions;
  }

  public Duration grace() {
    return grace;
  }

  /** How long an in-use file must have been left unmodified to be a dead writer's. */
  public Duration staleInUse() {
    return staleInUse;
  }

  public String inputSuffix() {
    return inputSuffix;
  }

  public long targetFileSize() {
    return targetFileSize;
  }

  public CompressionCodecName compression() {
    return compression;
  }

  public Set<String> bloomColumns() {
    return Collections.unmodifiableSet(bloomColumns);
  }

  public SortKey sortKey() {
    return sortKey;
  }

  public long sortBufferSize() {
    return sortBufferSize;
  }

  public String spillDir() {
    return spillDir.isEmpty() ? System.getProperty("java.io.tmpdir") : spillDir;
  }

  public boolean spillCompress() {
    return spillCompress;
  }

  public boolean dedup() {
    return dedup;
  }

  public TimestampUnit queryTsUnit() {
    return queryTsUnit;
  }

  public ImpalaMode impalaMode() {
    return impalaMode;
  }

  public String impalaTable() {
    return impalaTable;
  }

  public boolean impalaComputeStats() {
    return impalaComputeStats;
  }

  public String impalaJdbcUrl() {
    return impalaJdbcUrl;
  }

  public String impalaJdbcDriver() {
    return impalaJdbcDriver;
  }

  public Engine engine() {
    return engine;
  }

  public int tasks() {
    return tasks;
  }

  public int taskMemoryMb() {
    return taskMemoryMb;
  }

  public long sliceBytes() {
    return sliceBytes;
  }

  public int retentionDays() {
    return retentionDays;
  }
}
