package org.pcap2hdfs.cli.synth;

/**
 * SplitMix64: a small, fully specified generator, so that the same seed gives the same capture on
 * every JDK (java.util.SplittableRandom's algorithm is not part of its contract). Floating-point
 * draws go through {@link StrictMath} for the same reason.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [from, to]. */
  public int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /** An exponentially distributed draw with the given mean. */
  public double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - nextDouble());
  }

  /** Uniform on a log scale in [from, to]: as many draws between 0.1 and 1 as between 1 and 10. */
  public long logUniform(long from, long to) {
    double lo = StrictMath.log(from);
    double hi = StrictMath.log(to);
    return Math.round(StrictMath.exp(lo + (hi - lo) * nextDouble()));
  }

  public void nextBytes(byte[] b, int offset, int length) {
    for (int i = 0; i < length; i++) {
      b[offset + i] = (byte) nextLong();
    }
  }

  public byte[] bytes(int length) {
    byte[] b = new byte[length];
    nextBytes(b, 0, length);
    return b;
  }

  /**
   * An independent generator derived from this one (for a part whose draws must not interleave).
   */
  public Rng fork() {
    return new Rng(nextLong());
  }
}
