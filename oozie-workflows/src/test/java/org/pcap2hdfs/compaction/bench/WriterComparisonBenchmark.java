package org.pcap2hdfs.compaction.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.pcap2hdfs.compaction.parquet.ParquetMrWarehouseWriter;
import org.pcap2hdfs.compaction.parquet.ParquetOptions;
import org.pcap2hdfs.compaction.parquet.RollingParquetWriter;
import org.pcap2hdfs.compaction.parquet.TimestampUnit;
import org.pcap2hdfs.compaction.testing.DatumArena;
import org.pcap2hdfs.compaction.testing.RealisticRows;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/**
 * Our page encoders ({@link RollingParquetWriter}) against parquet-mr's own writer ({@link
 * ParquetMrWarehouseWriter}) in one JVM: the same in-memory datums (generated once, in the
 * compaction's sort order), the same codec, target size, page and dictionary settings; passes
 * alternate between the two writers after one warm-up pass each. Per pass: rows/s, bytes written,
 * bytes allocated by the writing thread and the peak heap (sum of the pools' peaks, reset before
 * the pass; it includes the input arena, printed once). A third pass, decode-only, decodes every
 * datum into a {@link Row} and writes nothing: the share of parquet-mr's side that is not
 * parquet-mr. Not a unit test: run it as the README says.
 *
 * <pre>
 * WriterComparisonBenchmark [--rows N] [--passes P] [--codec SNAPPY] [--target BYTES]
 *                           [--bloom qname,domainname,src] [--dir DIR]
 * </pre>
 */
public final class WriterComparisonBenchmark {
  /** "decode-only": datum to {@link Row}, what parquet-mr's side pays before it writes. */
  private static final List<String> WRITERS = List.of("ours", "parquet-mr", "decode-only");

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int rows = 2_000_000;
    int passes = 3;
    String codec = "SNAPPY";
    long target = 256L << 20;
    Path dir = Paths.get("target/writer-bench");
    Set<String> bloom = Set.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows":
          rows = Integer.parseInt(args[++i]);
          break;
        case "--passes":
          passes = Integer.parseInt(args[++i]);
          break;
        case "--codec":
          codec = args[++i];
          break;
        case "--target":
          target = Long.parseLong(args[++i]);
          break;
        case "--bloom":
          bloom = Set.of(args[++i].split(","));
          break;
        case "--dir":
          dir = Paths.get(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long t0 = System.nanoTime();
    DatumArena input =
        new DatumArena(
            new RealisticRows(1, 1_709_596_800_000_000L, 86_400_000_000L / rows, "ns1"), rows);
    System.gc();
    long baseline = heapUsed();
    System.out.printf(
        Locale.ROOT,
        "input: %,d rows, %,d bytes of Avro datums, generated and sorted in %.1f s; heap after GC %,d MB%n",
        rows,
        input.bytes(),
        (System.nanoTime() - t0) / 1e9,
        baseline >> 20);
    System.out.printf(
        Locale.ROOT,
        "jvm: %s, max heap %,d MB, %d processors; codec %s, target %,d bytes, Bloom filters %s%n",
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        codec,
        target,
        bloom);
    ParquetOptions options =
        new ParquetOptions(
            RowSchema.get(),
            target,
            CompressionCodecName.valueOf(codec),
            TimestampUnit.MICROS,
            bloom);
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Map<String, List<double[]>> results = new HashMap<>();
    for (int pass = -1; pass < passes; pass++) {
      for (String writer : WRITERS) {
        Path out = dir.resolve(writer);
        deleteRecursively(out);
        double[] r = run(writer, input, options, fs, out);
        System.out.printf(
            Locale.ROOT,
            "%s pass %s: %.2f s (thread CPU %.2f s), %,.0f rows/s, %d files, %,d bytes,"
                + " allocated %,d MB (%.0f B/row), peak heap %,d MB, load %.2f%n",
            writer,
            pass < 0 ? "warm-up" : Integer.toString(pass + 1),
            r[0],
            r[1],
            rows / r[0],
            (long) r[2],
            (long) r[3],
            (long) r[4] >> 20,
            r[4] / rows,
            (long) r[5] >> 20,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (pass >= 0) {
          results.computeIfAbsent(writer, w -> new ArrayList<>()).add(r);
        }
      }
    }
    for (String writer : WRITERS) {
      List<double[]> rs = results.get(writer);
      double[] rates = rs.stream().mapToDouble(r -> input.rows() / r[0]).sorted().toArray();
      double[] cpuRates = rs.stream().mapToDouble(r -> input.rows() / r[1]).sorted().toArray();
      double[] last = rs.get(rs.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "RESULT %s: rows/s min %,.0f median %,.0f max %,.0f (per CPU-second median %,.0f);"
              + " %.2f MB per million rows; allocated %.0f B/row; peak heap %,d MB%n",
          writer,
          rates[0],
          rates[rates.length / 2],
          rates[rates.length - 1],
          cpuRates[cpuRates.length / 2],
          last[3] / (rows / 1e6) / 1e6,
          last[4] / rows,
          rs.stream().mapToLong(r -> (long) r[5]).max().getAsLong() >> 20);
    }
  }

  /** {seconds, thread CPU seconds, files, bytes, allocated bytes, peak heap bytes}. */
  private static double[] run(
      String writer, DatumArena input, ParquetOptions options, FileSystem fs, Path out)
      throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out.toUri());
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long tid = Thread.currentThread().getId();
    long alloc = THREADS.getThreadAllocatedBytes(tid);
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    int files;
    if (writer.equals("ours")) {
      try (RollingParquetWriter w =
          new RollingParquetWriter(
              fs, dir, "part", options, new RollingParquetWriter.SizeModel(), Map.of(), f -> {})) {
        for (int k = 0; k < input.rows(); k++) {
          input.feed(k, w::write);
        }
        files = w.finish().size();
      }
    } else if (writer.equals("decode-only")) {
      Files.createDirectories(out);
      Row row = new Row();
      long sum = 0;
      for (int k = 0; k < input.rows(); k++) {
        input.feed(k, (b, off, len) -> AvroRowCodec.decode(b, off, len, row));
        sum += row.getLong(Fields.TIME_US);
      }
      files = sum == 42 ? 1 : 0;
    } else {
      try (ParquetMrWarehouseWriter w =
          new ParquetMrWarehouseWriter(fs.getConf(), dir, options, Map.of())) {
        for (int k = 0; k < input.rows(); k++) {
          input.feed(k, w::write);
        }
        files = w.finish().size();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpuSecs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
    long allocated = THREADS.getThreadAllocatedBytes(tid) - alloc;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return new double[] {secs, cpuSecs, files, size(out), allocated, peak};
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        used += p.getUsage().getUsed();
      }
    }
    return used;
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
