package org.pcap2hdfs.capture;

import java.io.IOException;

/**
 * The file cannot be read as a capture at all: empty, an unknown or truncated global header, or a
 * compressed stream broken from its start.
 */
public final class NotACaptureException extends IOException {
  private static final long serialVersionUID = 1L;

  public NotACaptureException(String message) {
    super(message);
  }

  public NotACaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
