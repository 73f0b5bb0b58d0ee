package org.pcap2hdfs.cli.synth;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: a large, realistic, deterministic capture of an authoritative server. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a deterministic capture (classic pcap, microseconds, Ethernet) of an authoritative"
          + " name server: the same seed gives the same bytes.",
      "realistic: UDP and TCP, IPv4 and IPv6, fragmented DNSSEC answers, EDNS/DO/ECS/cookies,"
          + " NXDOMAIN, truncation and TCP retries, a few % unanswered. unanswered: only queries"
          + " for random names (a random-subdomain attack).",
      "Prints on stderr what it wrote: the counters decode must report (expected:) and more."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--packets", required = true, description = "Frames to write (exactly).")
  long packets;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--qps",
      description = "Queries per second of capture time (default: 20000; unanswered: 100000).")
  Double qps;

  @Option(
      names = "--mode",
      defaultValue = "realistic",
      description = "realistic or unanswered (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--gzip", description = "Compress the file with gzip.")
  boolean gzip;

  @Option(
      names = "--clients",
      defaultValue = "50000",
      description = "Distinct resolvers that may query (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--zones",
      defaultValue = "400",
      description = "Zones the server serves (default: ${DEFAULT-VALUE}).")
  int zones;

  @Option(names = "--out", required = true, description = "The capture file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    GeneratorConfig.Mode m;
    try {
      m = GeneratorConfig.Mode.valueOf(mode.toUpperCase(Locale.ENGLISH));
    } catch (IllegalArgumentException e) {
      err.println("pcap2hdfs generate: --mode must be realistic or unanswered, not " + mode);
      return 2;
    }
    double rate = qps != null ? qps : m == GeneratorConfig.Mode.UNANSWERED ? 100_000 : 20_000;
    GeneratorConfig config;
    try {
      config =
          new GeneratorConfig(
              packets, seed, rate, m, clients, zones, 4096, GeneratorConfig.DEFAULT_START_MICROS);
    } catch (IllegalArgumentException e) {
      err.println("pcap2hdfs generate: " + e.getMessage());
      return 2;
    }
    long start = System.nanoTime();
    GroundTruth truth = new CaptureGenerator(config).write(out, gzip);
    double seconds = (System.nanoTime() - start) / 1e9;
    err.printf(
        Locale.ROOT,
        "generate: %s: %d packets in %.1f s (%.2f M packets/s)%n",
        out,
        truth.packets,
        seconds,
        truth.packets / seconds / 1e6);
    err.println("expected: " + truth.expectedSummary());
    err.println("traffic: " + truth.trafficSummary());
    return 0;
  }
}
