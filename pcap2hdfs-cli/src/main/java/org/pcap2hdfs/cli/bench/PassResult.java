package org.pcap2hdfs.cli.bench;

/** What one pass of a stage measured. */
final class PassResult {
  final long frames;
  final long nanos;
  final long allocatedBytes;
  final long gcCount;
  final long gcMillis;

  PassResult(long frames, long nanos, long allocatedBytes, long gcCount, long gcMillis) {
    this.frames = frames;
    this.nanos = nanos;
    this.allocatedBytes = allocatedBytes;
    this.gcCount = gcCount;
    this.gcMillis = gcMillis;
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
