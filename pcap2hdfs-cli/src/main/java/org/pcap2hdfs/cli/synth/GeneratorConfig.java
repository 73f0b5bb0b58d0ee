package org.pcap2hdfs.cli.synth;

/** What to generate: size, seed, rate, kind of traffic, and the size of the simulated world. */
public final class GeneratorConfig {
  /** Traffic kinds. */
  public enum Mode {
    /** An authoritative server's everyday traffic (see {@link TrafficProfile}). */
    REALISTIC,
    /** Only queries, for random names under a few zones: a random-subdomain attack. */
    UNANSWERED
  }

  /** 2026-01-01T00:00:00Z: the capture's first query. */
  public static final long DEFAULT_START_MICROS = 1_767_225_600_000_000L;

  public final long packets;
  public final long seed;
  public final double queriesPerSecond;
  public final Mode mode;
  public final int clients;
  public final int zones;
  public final int templates;
  public final long startMicros;

  public GeneratorConfig(
      long packets,
      long seed,
      double queriesPerSecond,
      Mode mode,
      int clients,
      int zones,
      int templates,
      long startMicros) {
    if (packets < 1) {
      throw new IllegalArgumentException("--packets must be at least 1, not " + packets);
    }
    if (!(queriesPerSecond > 0)) {
      throw new IllegalArgumentException("--qps must be positive, not " + queriesPerSecond);
    }
    if (clients < 1 || zones < 1 || templates < 1) {
      throw new IllegalArgumentException("clients, zones and templates must be at least 1");
    }
    this.packets = packets;
    this.seed = seed;
    this.queriesPerSecond = queriesPerSecond;
    this.mode = mode;
    this.clients = clients;
    this.zones = zones;
    this.templates = templates;
    this.startMicros = startMicros;
  }

  /** Defaults for everything but size, seed, rate and mode. */
  public static GeneratorConfig of(long packets, long seed, double qps, Mode mode) {
    return new GeneratorConfig(packets, seed, qps, mode, 50_000, 400, 4096, DEFAULT_START_MICROS);
  }
}
