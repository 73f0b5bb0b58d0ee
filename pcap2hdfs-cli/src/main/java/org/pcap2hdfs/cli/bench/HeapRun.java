package org.pcap2hdfs.cli.bench;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;

/**
 * The memory check: the full pipeline (as stage d) over files read from disk, once, reporting the
 * peak heap. Meant for a run with a small {@code -Xmx} over a capture of unanswered queries, where
 * the pending-query bound is what keeps the heap small.
 */
final class HeapRun {
  private final JvmProbe probe = new JvmProbe();

  int run(List<Path> files, DecoderConfig config, PrintStream out) throws Exception {
    ByteSink buffer = new ByteSink(4096);
    long[] encoded = {0};
    StreamDecoder decoder =
        new StreamDecoder(
            config,
            "bench-server",
            "bench-location",
            row -> {
              buffer.reset();
              AvroRowCodec.encode(row, buffer);
              encoded[0] += buffer.length();
            });
    System.gc();
    long baseline = probe.heapUsed();
    probe.resetPeaks();
    long gc0 = probe.gcCount();
    long gcMs0 = probe.gcMillis();
    long t0 = System.nanoTime();
    HeapSamplingReader last = null;
    long maxHeapUsed = 0;
    int maxPending = 0;
    for (Path file : files) {
      try (CaptureReader raw = Captures.open(file)) {
        HeapSamplingReader reader = new HeapSamplingReader(raw, probe, decoder.joiner());
        decoder.decode(reader, file.getFileName().toString());
        reader.sample();
        maxHeapUsed = Math.max(maxHeapUsed, reader.maxHeapUsed);
        maxPending = Math.max(maxPending, reader.maxPending);
        last = reader;
      }
    }
    decoder.finish();
    long nanos = System.nanoTime() - t0;
    long peakSum = probe.heapPeakSum();
    long oldPeak = probe.oldGenPeak();
    DecodeCounters c = decoder.counters();
    System.gc();
    long retained = probe.heapUsed();
    Reference.reachabilityFence(decoder);
    Reference.reachabilityFence(last);

    double mb = 1024 * 1024;
    out.printf(
        Locale.ROOT,
        "heap: %d frames in %.1f s (%.2f M frames/s, from disk), -Xmx %.0f MB, GCs %d (%d ms)%n",
        c.packets,
        nanos / 1e9,
        c.packets / (nanos / 1e9) / 1e6,
        probe.maxHeap() / mb,
        probe.gcCount() - gc0,
        probe.gcMillis() - gcMs0);
    out.printf(
        Locale.ROOT,
        "heap: peak used %.1f MB (sampled every %d frames); sum of pool peaks %.1f MB;"
            + " old gen peak %.1f MB%n",
        maxHeapUsed / mb,
        HeapSamplingReader.EVERY,
        peakSum / mb,
        oldPeak / mb);
    out.printf(
        Locale.ROOT,
        "heap: before %.1f MB, after the run and a full GC %.1f MB; pending queries at most %d;"
            + " evicted %d; %d Avro bytes encoded%n",
        baseline / mb,
        retained / mb,
        maxPending,
        c.evicted,
        encoded[0]);
    out.println(c.summaryLine());
    return 0;
  }
}
