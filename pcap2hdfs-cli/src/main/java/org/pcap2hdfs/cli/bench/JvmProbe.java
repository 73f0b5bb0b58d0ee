package org.pcap2hdfs.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The cheap JVM facts a benchmark reports: bytes this thread allocated (HotSpot's per-thread
 * counter), GC counts and times, heap use and the per-pool peaks, the machine's load.
 */
final class JvmProbe {
  private final com.sun.management.ThreadMXBean threads;
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();

  JvmProbe() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    threads =
        t instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) t).isThreadAllocatedMemorySupported()
            ? (com.sun.management.ThreadMXBean) t
            : null;
  }

  /** Bytes allocated by the calling thread so far, or -1 when the JVM cannot tell. */
  long allocatedBytes() {
    return threads == null ? -1 : threads.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** CPU time of the calling thread so far in nanoseconds, or -1 when the JVM cannot tell. */
  long threadCpuNanos() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : -1;
  }

  long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean c : collectors) {
      n += Math.max(0, c.getCollectionCount());
    }
    return n;
  }

  long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean c : collectors) {
      n += Math.max(0, c.getCollectionTime());
    }
    return n;
  }

  long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  void resetPeaks() {
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound of the peak. */
  long heapPeakSum() {
    long n = 0;
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP) {
        n += p.getPeakUsage().getUsed();
      }
    }
    return n;
  }

  /** The peak of the old generation (live data that survived young collections). */
  long oldGenPeak() {
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP && p.getName().contains("Old")) {
        return p.getPeakUsage().getUsed();
      }
    }
    return -1;
  }

  long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String gcNames() {
    StringBuilder sb = new StringBuilder();
    for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(c.getName());
    }
    return sb.toString();
  }

  static List<String> jvmArguments() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }
}
