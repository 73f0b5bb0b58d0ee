package org.pcap2hdfs.dns;

/**
 * Malformed DNS wire data. The instances are shared and carry no stack trace: malformed messages
 * are ordinary input for a capture decoder, and cheap to reject.
 */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  static final WireFormatException END_OF_INPUT = new WireFormatException("end of input");
  static final WireFormatException BAD_POINTER = new WireFormatException("bad compression pointer");
  static final WireFormatException LOOP = new WireFormatException("name contains a loop");
  static final WireFormatException BAD_LABEL_TYPE =
      new WireFormatException("label longer than 63 or of an unknown type");
  static final WireFormatException NAME_TOO_LONG = new WireFormatException("name longer than 255");

  private WireFormatException(String message) {
    super(message, null, false, false);
  }
}
