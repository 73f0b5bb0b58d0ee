package org.pcap2hdfs.compaction;

import java.io.IOException;

/**
 * Observation points of a run, in the order they happen for each partition. The default does
 * nothing; tests throw from a chosen point to simulate a run killed there.
 */
public interface CompactionHooks {
  /** The steps of one partition's transaction. */
  enum Step {
    /** The run's MapReduce job was submitted (detail: its id); the MapReduce engine only. */
    JOB_SUBMITTED,
    /** A Parquet file was closed in the scratch directory; the local engine only. */
    FILE_CLOSED,
    /** The manifest was written next to the closed files; not yet committed. */
    MANIFEST_WRITTEN,
    /** The transaction directory was renamed into committed/: it will be rolled forward. */
    COMMITTED,
    /** One file (or a new partition's whole directory) became visible in the warehouse. */
    PUBLISHED,
    /** One processed Avro file was deleted or archived. */
    INPUT_DISPOSED,
    /** The transaction is complete and its journal removed. */
    DONE
  }

  CompactionHooks NONE = (step, detail) -> {};

  void at(Step step, String detail) throws IOException;
}
