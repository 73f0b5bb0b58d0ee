package org.pcap2hdfs.compaction;

/**
 * A staged file that cannot be read (corrupt, incompatible, a garbage in-use file): it fails its
 * partition, which stays in staging untouched, while the run goes on with the other partitions.
 */
public class StagedFileException extends CompactionException {
  private static final long serialVersionUID = 1L;

  public StagedFileException(String message, Throwable cause) {
    super(message, cause);
  }

  public StagedFileException(String message) {
    super(message);
  }
}
