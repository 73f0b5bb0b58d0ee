package org.pcap2hdfs.compaction;

import java.io.IOException;

/** A failed compaction step, with a message that names the file and how far it got. */
public class CompactionException extends IOException {
  private static final long serialVersionUID = 1L;

  public CompactionException(String message, Throwable cause) {
    super(message, cause);
  }

  public CompactionException(String message) {
    super(message);
  }
}
