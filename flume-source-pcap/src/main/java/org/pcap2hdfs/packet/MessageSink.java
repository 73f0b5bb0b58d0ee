package org.pcap2hdfs.packet;

/** Receives the DNS messages found in the packets. */
public interface MessageSink {

  /**
   * One DNS message.
   *
   * @param data the bytes; valid only during the call
   * @param capturedLength bytes of the message present in {@code data}
   * @param wireLength length of the message as sent (larger when the frame was cut by snaplen)
   */
  void message(Transport transport, byte[] data, int offset, int capturedLength, int wireLength);
}
