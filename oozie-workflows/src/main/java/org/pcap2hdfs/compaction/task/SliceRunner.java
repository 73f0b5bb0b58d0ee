package org.pcap2hdfs.compaction.task;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * Runs every slice of a plan, each through a {@link SliceCompactor}, so that afterwards each
 * slice's files and {@link SliceResult} are under {@code root}. Either all slices ran or it throws;
 * nothing it writes is visible in the warehouse.
 */
public interface SliceRunner {
  void run(SlicePlan plan, Path root) throws IOException;
}
