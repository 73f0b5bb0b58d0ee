package org.pcap2hdfs.cli.bench;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.privacy.PrivacyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench}: single-thread throughput of the decode pipeline, stage by stage. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures single-thread throughput (capture records per second) of the cumulative stages:"
          + " (a) read, (b) + packet decoding and DNS parsing, (c) + join, (d) + row building and"
          + " Avro encoding (the full pipeline, rows discarded).",
      "The files are loaded into memory first (gzip inflated) and read as one stream, --loop"
          + " times; each loop's timestamps are shifted by the stream's duration plus 10 minutes,"
          + " so the decoder sees one continuous stream. Each pass starts from a fresh decoder.",
      "Run with a fixed heap and pre-touched pages, e.g. PCAP2HDFS_JAVA_OPTS='-XX:+AlwaysPreTouch"
          + " -Xms2g -Xmx2g'.",
      "--report-heap: instead, one full-pipeline pass over the files read from disk, reporting"
          + " the peak heap (for a small -Xmx)."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--passes",
      defaultValue = "8",
      description = "Measured passes per stage (default: ${DEFAULT-VALUE}).")
  int passes;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Unmeasured passes per stage before those (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--loop",
      defaultValue = "1",
      description = "Times the files are read per pass (default: ${DEFAULT-VALUE}).")
  int loop;

  @Option(
      names = "--stages",
      split = ",",
      defaultValue = "a,b,c,d",
      description = "Stages to run, e.g. d or a,d (default: ${DEFAULT-VALUE}).")
  List<String> stages;

  @Option(names = "--report-heap", description = "Memory mode (see above).")
  boolean reportHeap;

  @Option(
      names = "--privacy",
      defaultValue = "keep",
      description = "Client addresses: keep, truncate or pseudonym (default: ${DEFAULT-VALUE}).")
  String privacy;

  @Option(
      names = "--privacy-key",
      paramLabel = "FILE",
      description = "The 32-byte pseudonym key (for --privacy pseudonym).")
  Path privacyKey;

  @Option(
      names = "--privacy-cache",
      defaultValue = "65536",
      description = "Pseudonyms cached per stream and family (default: ${DEFAULT-VALUE}).")
  int privacyCache;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files (one stream).")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    DecoderConfig config;
    try {
      Map<String, String> keys = new HashMap<>();
      keys.put(PrivacyConfig.MODE.name(), privacy);
      keys.put(PrivacyConfig.CACHE_SIZE.name(), Integer.toString(privacyCache));
      if (privacyKey != null) {
        keys.put(PrivacyConfig.KEY_FILE.name(), privacyKey.toString());
      }
      DecoderConfig d = DecoderConfig.defaults();
      config = new DecoderConfig(d.dnsPorts, d.join, d.reassembly, PrivacyConfig.from(keys), null);
    } catch (IllegalArgumentException e) {
      System.err.println("pcap2hdfs bench: " + e.getMessage());
      return 2;
    }
    if (reportHeap) {
      return new HeapRun().run(files, config, out);
    }
    if (passes < 1 || warmup < 0 || loop < 1) {
      System.err.println("pcap2hdfs bench: --passes and --loop must be >= 1, --warmup >= 0");
      return 2;
    }
    List<Stage> selected = new ArrayList<>();
    try {
      for (String s : stages) {
        selected.add(Stage.parse(s.trim()));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("pcap2hdfs bench: " + e.getMessage());
      return 2;
    }

    List<InMemoryCapture> captures = new ArrayList<>();
    long bytes = 0;
    for (Path f : files) {
      InMemoryCapture c = InMemoryCapture.load(f);
      captures.add(c);
      bytes += c.size();
    }
    long framesPerPass = LoopedCapture.frames(captures, loop);
    JvmProbe probe = new JvmProbe();
    out.printf(
        Locale.ROOT,
        "bench: java %s, %d cpus, max heap %d MB, GC %s, args %s%n",
        System.getProperty("java.version"),
        JvmProbe.cpus(),
        probe.maxHeap() >> 20,
        JvmProbe.gcNames(),
        JvmProbe.jvmArguments());
    out.printf(
        Locale.ROOT,
        "bench: %d file(s), %.1f MB in memory, %d frames x %d loop(s) = %d frames per pass;"
            + " %d warm-up + %d measured passes per stage%n",
        captures.size(),
        bytes / 1e6,
        framesPerPass / loop,
        loop,
        framesPerPass,
        warmup,
        passes);
    out.println(StageReport.header());

    List<StageReport> reports = new ArrayList<>();
    for (Stage stage : selected) {
      StageReport report = measure(stage, config, captures, probe);
      reports.add(report);
      out.println(report.line());
      out.println("    passes: " + passList(report));
    }
    for (StageReport r : reports) {
      if (r.lastCounters.packets != framesPerPass) {
        out.printf(
            "bench: WARNING stage %s saw %d frames, expected %d%n",
            r.stage.letter, r.lastCounters.packets, framesPerPass);
      }
      if (r.stage != Stage.READ) {
        out.printf(Locale.ROOT, "counters (%s, last pass): %s%n", r.stage.letter, brief(r));
      }
    }
    System.gc();
    out.printf(
        Locale.ROOT,
        "heap after a full GC: %.1f MB used, of which the capture in memory %.1f MB%n",
        probe.heapUsed() / 1e6,
        bytes / 1e6);
    Reference.reachabilityFence(captures);
    long checksum = 0;
    for (StageReport r : reports) {
      checksum += r.checksum;
    }
    out.printf("checksum %x%n", checksum);
    return 0;
  }

  private StageReport measure(
      Stage stage, DecoderConfig config, List<InMemoryCapture> captures, JvmProbe probe)
      throws Exception {
    StageReport report = new StageReport(stage);
    report.loadBefore = probe.loadAverage();
    for (int i = 0; i < warmup + passes; i++) {
      Stage.StagePipeline pipeline = stage.newPipeline(config);
      LoopedCapture reader = new LoopedCapture(captures, loop);
      long alloc0 = probe.allocatedBytes();
      long gc0 = probe.gcCount();
      long gcMs0 = probe.gcMillis();
      long cpu0 = probe.threadCpuNanos();
      long t0 = System.nanoTime();
      report.checksum += pipeline.run(reader);
      long nanos = System.nanoTime() - t0;
      long cpu = cpu0 < 0 ? -1 : probe.threadCpuNanos() - cpu0;
      long alloc1 = probe.allocatedBytes();
      reader.close();
      if (i >= warmup) {
        report.passes.add(
            new PassResult(
                pipeline.counters().packets,
                nanos,
                cpu,
                alloc0 < 0 ? -1 : alloc1 - alloc0,
                probe.gcCount() - gc0,
                probe.gcMillis() - gcMs0));
      }
      report.lastCounters = pipeline.counters();
    }
    report.loadAfter = probe.loadAverage();
    return report;
  }

  private static String passList(StageReport r) {
    StringBuilder sb = new StringBuilder();
    for (PassResult p : r.passes) {
      sb.append(String.format(Locale.ROOT, "%.2f ", p.framesPerSecond() / 1e6));
    }
    sb.append("| per CPU-second of the thread: ");
    for (PassResult p : r.passes) {
      sb.append(String.format(Locale.ROOT, "%.2f ", p.framesPerCpuSecond() / 1e6));
    }
    return sb.toString().trim();
  }

  private static String brief(StageReport r) {
    org.pcap2hdfs.metrics.DecodeCounters c = r.lastCounters;
    String s =
        "packets="
            + c.packets
            + " dns_messages="
            + c.dnsMessages
            + " queries="
            + c.queries
            + " responses="
            + c.responses
            + " malformed="
            + c.malformed
            + " fragments_reassembled="
            + c.fragmentsReassembled
            + " tcp_messages="
            + c.tcpMessages;
    if (r.stage == Stage.DECODE) {
      return s;
    }
    return s
        + " rows="
        + c.rows
        + " matched="
        + c.matched
        + " unanswered="
        + c.unanswered
        + " unsolicited="
        + c.unsolicited
        + " evicted="
        + c.evicted;
  }
}
