package org.pcap2hdfs.packet;

/** Receives the ICMP and ICMPv6 messages found in the packets. */
public interface IcmpSink {

  /**
   * One ICMP message.
   *
   * @param transport the IP facts of the ICMP packet itself (addresses, TTL, capture time)
   * @param data the bytes {@code icmp} points into (the quoted DNS message); valid only during the
   *     call
   */
  void icmp(Transport transport, IcmpPacket icmp, byte[] data);
}
