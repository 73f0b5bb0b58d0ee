package org.pcap2hdfs.compaction.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.CompactionHooks;

/**
 * Runs the slices in this JVM on {@code tasks} threads (the local engine: {@code ./pcap2hdfs run},
 * tests), each slice through the same {@link SliceCompactor} as a MapReduce map task. The first
 * failure is thrown once every started slice has ended.
 */
public final class LocalSliceRunner implements SliceRunner {
  private final FileSystem fs;
  private final FileSystem stagingFs;
  private final CompactionConfig config;
  private final CompactionHooks hooks;

  public LocalSliceRunner(
      FileSystem fs, FileSystem stagingFs, CompactionConfig config, CompactionHooks hooks) {
    this.fs = fs;
    this.stagingFs = stagingFs;
    this.config = config;
    this.hooks = hooks;
  }

  /** Threads for {@code slices} slices: the configured task count, or one per core. */
  static int threads(int configured, int slices) {
    int n = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(n, slices));
  }

  @Override
  public void run(SlicePlan plan, Path root) throws IOException {
    List<Slice> slices = plan.slices();
    if (slices.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads(config.tasks(), slices.size()),
            r -> {
              Thread t = new Thread(r, "compaction-task");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Slice s : slices) {
        running.add(
            pool.submit(
                () -> {
                  try {
                    new SliceCompactor(fs, stagingFs, config, hooks, () -> {}).compact(s, root);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
      }
      Throwable first = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
            // the others are of no use any more: stop them
            running.forEach(x -> x.cancel(true));
          }
        } catch (CancellationException e) {
          // stopped after the first failure
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompactionException("interrupted while compacting", e);
        }
      }
      if (first != null) {
        throw rethrown(first);
      }
    } finally {
      // Every task has ended before this returns: none may write under root afterwards.
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static IOException rethrown(Throwable t) {
    if (t instanceof UncheckedIOException) {
      return ((UncheckedIOException) t).getCause();
    }
    if (t instanceof IOException) {
      return (IOException) t;
    }
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IOException(t);
  }
}
