package org.pcap2hdfs.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.pcap2hdfs.metrics.DecodeCounters;

/** The measured passes of one stage, summarised as min / median / max. */
final class StageReport {
  final Stage stage;
  final List<PassResult> passes = new ArrayList<>();
  double loadBefore;
  double loadAfter;
  DecodeCounters lastCounters;
  long checksum;

  StageReport(Stage stage) {
    this.stage = stage;
  }

  double min(ToDoubleFunction<PassResult> f) {
    return sorted(f).get(0);
  }

  double median(ToDoubleFunction<PassResult> f) {
    List<Double> v = sorted(f);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  double max(ToDoubleFunction<PassResult> f) {
    List<Double> v = sorted(f);
    return v.get(v.size() - 1);
  }

  private List<Double> sorted(ToDoubleFunction<PassResult> f) {
    List<Double> v = new ArrayList<>(passes.size());
    for (PassResult p : passes) {
      v.add(f.applyAsDouble(p));
    }
    Collections.sort(v);
    return v;
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-26s %8s %8s %8s %8s   %10s %10s %8s %9s  %s",
        "stage (M frames/s)",
        "min",
        "median",
        "max",
        "cpu-med",
        "alloc B/fr",
        "alloc MB/s",
        "GCs/pass",
        "GC ms/pass",
        "load before/after");
  }

  String line() {
    double gcs = 0;
    double gcMs = 0;
    for (PassResult p : passes) {
      gcs += p.gcCount;
      gcMs += p.gcMillis;
    }
    return String.format(
        Locale.ROOT,
        "%-26s %8.2f %8.2f %8.2f %8.2f   %10.1f %10.0f %8.1f %9.1f  %.2f/%.2f",
        "(" + stage.letter + ") " + stage.label,
        min(PassResult::framesPerSecond) / 1e6,
        median(PassResult::framesPerSecond) / 1e6,
        max(PassResult::framesPerSecond) / 1e6,
        median(PassResult::framesPerCpuSecond) / 1e6,
        median(PassResult::allocatedPerFrame),
        median(PassResult::allocationRate) / 1e6,
        gcs / passes.size(),
        gcMs / passes.size(),
        loadBefore,
        loadAfter);
  }
}
