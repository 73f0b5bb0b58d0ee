package org.pcap2hdfs.capture;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one capture file. */
public interface CaptureReader extends Closeable {

  /**
   * Reads the next record into {@code frame}.
   *
   * @return false at the clean end of the capture
   * @throws CaptureFaultException when the capture breaks after its header (cut mid-record, a
   *     corrupt record, a compressed stream that ends early): the records before stay valid
   */
  boolean next(Frame frame) throws IOException;

  /** Bytes of the (decompressed) capture consumed so far. */
  long position();

  /** A short name of the format, e.g. "pcap", "pcap-ns", "pcapng". */
  String format();
}
