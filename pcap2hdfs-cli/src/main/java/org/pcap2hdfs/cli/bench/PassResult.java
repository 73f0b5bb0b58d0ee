package org.pcap2hdfs.cli.bench;

/** What one pass of a stage measured. */
final class PassResult {
  final long frames;
  final long nanos;
  final long allocatedBytes;
  final long gcCount;
  final long gcMillis;

  /** CPU time of the benchmark thread, or -1 when the JVM cannot tell. */
  final long cpuNanos;

  PassResult(
      long frames, long nanos, long cpuNanos, long allocatedBytes, long gcCount, long gcMillis) {
    this.frames = frames;
    this.nanos = nanos;
    this.allocatedBytes = allocatedBytes;
    this.gcCount = gcCount;
    this.gcMillis = gcMillis;
    this.cpuNanos = cpuNanos;
  }

  /**
   * Frames per second of the thread's own CPU time: what one core does when the other processes of
   * a shared machine take turns on it (caches and memory bandwidth are still shared).
   */
  double framesPerCpuSecond() {
    return cpuNanos <= 0 ? -1 : frames / (cpuNanos / 1e9);
  }

  double framesPerSecond() {
    return frames / (nanos / 1e9);
  }

  /** Allocation rate in bytes per second, or -1 when unknown. */
  double allocationRate() {
    return allocatedBytes < 0 ? -1 : allocatedBytes / (nanos / 1e9);
  }

  double allocatedPerFrame() {
    return allocatedBytes < 0 ? -1 : (double) allocatedBytes / frames;
  }
}
