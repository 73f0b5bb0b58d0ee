package org.pcap2hdfs.compaction.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.RunReport;
import org.pcap2hdfs.compaction.avro.StagedAvroReader;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * Compaction throughput on local disk: staged Avro (Snappy, as Flume writes it) of K partitions →
 * sorted, deduplicated Parquet, through the real {@link Compactor} (scan, read, sort, write,
 * manifest, commit, publish; the processed Avro is archived and moved back between passes). Not a
 * unit test: run it as the README says, pinned to one core (or, with {@code -D
 * pcap2hdfs.compaction.tasks=N} and K partitions, to N cores to see the tasks scale).
 *
 * <pre>
 * CompactionBenchmark [--rows N] [--partitions K] [--passes P] [--dir DIR] [--source FILE.avro]
 *     [--codecs A,B]
 *                     [-D key=value]...
 * </pre>
 *
 * With {@code --source}, the rows of a decoded capture are replicated (fresh event_ids, times
 * shifted per copy) up to N rows; otherwise synthetic rows are generated.
 */
public final class CompactionBenchmark {
  private static final String DAY = "year=2024/month=3/day=5";

  private static String partition(int k) {
    return DAY + "/server=ns" + (k + 1);
  }

  public static void main(String[] args) throws Exception {
    long rows = 4_000_000;
    int partitions = 1;
    int passes = 5;
    Path dir = Paths.get("target/bench");
    String source = null;
    List<String> codecs = List.of("SNAPPY", "ZSTD");
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows":
          rows = Long.parseLong(args[++i]);
          break;
        case "--passes":
          passes = Integer.parseInt(args[++i]);
          break;
        case "--dir":
          dir = Paths.get(args[++i]);
          break;
        case "--source":
          source = args[++i];
          break;
        case "-D":
          extra.add(args[++i]);
          break;
        case "--partitions":
          partitions = Integer.parseInt(args[++i]);
          break;
        case "--codecs":
          codecs = Arrays.asList(args[++i].split(","));
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf).getRawFileSystem();
    deleteRecursively(dir);
    Path staging = dir.resolve("staging");
    long t0 = System.nanoTime();
    long inputBytes = 0;
    for (int k = 0; k < partitions; k++) {
      long from = rows * k / partitions;
      long to = rows * (k + 1) / partitions;
      inputBytes += stage(fs, staging.resolve(partition(k)), from, to, source, "ns" + (k + 1));
    }
    System.out.printf(
        Locale.ROOT,
        "input: %,d rows in %d partitions, %,d bytes of Snappy Avro (%s), staged in %.1f s%n",
        rows,
        partitions,
        inputBytes,
        source == null ? "synthetic" : "replicated " + source,
        (System.nanoTime() - t0) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "jvm: %s, max heap %,d MB, %d processors%n",
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());

    for (String codec : codecs) {
      double[] rates = new double[passes];
      long parquetBytes = 0;
      int files = 0;
      for (int pass = -1; pass < passes; pass++) {
        Path warehouse = dir.resolve("warehouse-" + codec);
        Path archive = dir.resolve("archive");
        deleteRecursively(warehouse);
        Configuration c = new Configuration(conf);
        c.set(CompactionConfig.STAGING_DIR, staging.toUri().toString());
        c.set(CompactionConfig.WAREHOUSE_DIR, warehouse.toUri().toString());
        c.set(CompactionConfig.ARCHIVE_DIR, archive.toUri().toString());
        c.set(CompactionConfig.PARTITIONS, DAY);
        c.set(CompactionConfig.COMPRESSION, codec);
        c.set(CompactionConfig.SPILL_DIR, dir.resolve("spill").toString());
        for (String kv : extra) {
          c.set(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        RunReport r =
            new Compactor(CompactionConfig.from(c), Clock.systemUTC(), CompactionHooks.NONE).run();
        double secs = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        if (r.rowsOut() != rows) {
          throw new IllegalStateException("wrote " + r.rowsOut() + " rows, expected " + rows);
        }
        // Put the processed Avro back for the next pass.
        parquetBytes = 0;
        for (int k = 0; k < partitions; k++) {
          Files.move(archive.resolve(partition(k)), staging.resolve(partition(k)));
          parquetBytes += size(warehouse.resolve(partition(k)));
        }
        deleteRecursively(archive);
        files = (int) r.files();
        System.out.printf(
            Locale.ROOT,
            "%s pass %s: %.2f s (process CPU %.2f s), %,.0f rows/s, %d files, %,d bytes%n",
            codec,
            pass < 0 ? "warm-up" : Integer.toString(pass + 1),
            secs,
            cpu,
            rows / secs,
            files,
            parquetBytes);
        if (pass >= 0) {
          rates[pass] = rows / secs;
        }
      }
      Arrays.sort(rates);
      System.out.printf(
          Locale.ROOT,
          "RESULT %s: rows/s min %,.0f median %,.0f max %,.0f over %d passes; %d files;"
              + " %.1f MB Parquet per million rows (Avro input %.1f MB per million)%n",
          codec,
          rates[0],
          rates[rates.length / 2],
          rates[rates.length - 1],
          passes,
          files,
          parquetBytes / (rows / 1e6) / 1e6,
          inputBytes / (rows / 1e6) / 1e6);
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "peak heap used (sum of pool peaks): %,d MB%n", peak >> 20);
  }

  /** Stages rows [first, end) as one partition's files of at most a million rows. */
  private static long stage(
      FileSystem fs, Path dir, long first, long end, String source, String server)
      throws IOException {
    Files.createDirectories(dir);
    long perFile = 1_000_000;
    StagedAvro.RowSource gen;
    if (source == null) {
      SyntheticRows s =
          new SyntheticRows(1, 1_709_596_800_000_000L, 86_400_000_000L / (end - first), server);
      gen = (row, i) -> s.fill(row, i - first);
    } else {
      gen = replicate(fs, source);
    }
    int n = 0;
    long rows = end;
    for (long from = first; from < rows; from += perFile) {
      StagedAvro.write(
          fs,
          new org.apache.hadoop.fs.Path(dir.resolve("agent1." + (n++) + ".avro").toUri()),
          gen,
          from,
          Math.min(rows, from + perFile),
          CodecFactory.snappyCodec());
    }
    return size(dir);
  }

  /** Row i = row (i mod n) of the decoded file, copy i / n: new event_id, time shifted. */
  private static StagedAvro.RowSource replicate(FileSystem fs, String file) throws IOException {
    List<byte[]> datums = new ArrayList<>();
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    new StagedAvroReader(fs)
        .read(
            new org.apache.hadoop.fs.Path(new File(file).toURI()),
            (data, pos, end) -> {
              Row row = new Row();
              int len = AvroRowCodec.decode(data, pos, end - pos, row);
              datums.add(Arrays.copyOfRange(data, pos, pos + len));
              long t = row.getLong(Fields.TIME_US);
              span[0] = Math.min(span[0], t);
              span[1] = Math.max(span[1], t);
              return len;
            });
    long shift = span[1] - span[0] + 1_000_000;
    return (Row row, long i) -> {
      byte[] d = datums.get((int) (i % datums.size()));
      long copy = i / datums.size();
      try {
        AvroRowCodec.decode(d, 0, d.length, row);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (copy > 0) {
        String id = row.getString(Fields.EVENT_ID);
        row.setString(Fields.EVENT_ID, String.format("%08x", copy) + id.substring(8));
        long t = row.getLong(Fields.TIME_US) + copy * shift;
        row.setLong(Fields.TIME_US, t);
        row.setLong(Fields.TIME, Math.floorDiv(t, 1000));
        if (!row.isNull(Fields.RES_TIME_US)) {
          row.setLong(Fields.RES_TIME_US, row.getLong(Fields.RES_TIME_US) + copy * shift);
        }
      }
    };
  }

  /** CPU time of the whole process (the tasks run on threads of their own). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long size(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
