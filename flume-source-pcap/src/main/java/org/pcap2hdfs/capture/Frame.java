package org.pcap2hdfs.capture;

/**
 * One capture record, reused from record to record. {@code data[offset, offset + capturedLength)}
 * holds the captured bytes; they stay valid only until the next call to {@link
 * CaptureReader#next(Frame)}.
 */
public final class Frame {
  /** Capture time in microseconds since the epoch. */
  public long timestampMicros;

  /** Link type of the interface the frame was captured on (LINKTYPE_* values). */
  public int linkType;

  public byte[] data;
  public int offset;

  /** Bytes present in {@link #data}. */
  public int capturedLength;

  /** Length of the frame on the wire; larger than {@link #capturedLength} when cut by snaplen. */
  public int originalLength;

  public boolean isTruncated() {
    return capturedLength < originalLength;
  }
}
