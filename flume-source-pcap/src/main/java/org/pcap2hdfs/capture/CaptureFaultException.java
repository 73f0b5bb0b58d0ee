package org.pcap2hdfs.capture;

import java.io.IOException;

/**
 * A capture that broke after its header: cut in the middle of a record, a record with an impossible
 * length, a corrupt block, or a compressed stream that ends early or is corrupt. The records read
 * before the fault are valid.
 */
public final class CaptureFaultException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long position;

  public CaptureFaultException(String message, long position) {
    super(message + " at byte " + position);
    this.position = position;
  }

  public CaptureFaultException(String message, long position, Throwable cause) {
    super(message + " at byte " + position, cause);
    this.position = position;
  }

  /** Offset in the (decompressed) capture where the fault was found. */
  public long position() {
    return position;
  }
}
