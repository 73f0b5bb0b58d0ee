package org.pcap2hdfs.packet;

/**
 * Where a DNS message came from: the network and transport facts a row needs. One instance is
 * reused from message to message.
 */
public final class Transport {
  public static final int UDP = 17;
  public static final int TCP = 6;

  /** Capture time in microseconds since the epoch. */
  public long timestampMicros;

  public int ipVersion;

  /** Source address: 4 bytes for IPv4, 16 for IPv6 (the rest of the array is unused). */
  public final byte[] src = new byte[16];

  public final byte[] dst = new byte[16];
  public int srcPort;
  public int dstPort;

  /** {@link #UDP} or {@link #TCP}. */
  public int protocol;

  /** IPv4 TTL or IPv6 hop limit. */
  public int ttl;

  /** IPv4 don't-fragment bit. */
  public boolean dontFragment;

  /** Number of IP fragments the datagram was reassembled from; 0 when not fragmented. */
  public int fragments;

  /** TCP handshake round trip of the connection in microseconds; -1 when not seen. */
  public long tcpHandshakeRttMicros = -1;

  /** True when the frame carrying the message was cut by the capture's snaplen. */
  public boolean truncatedFrame;

  public int addressLength() {
    return ipVersion == 6 ? 16 : 4;
  }
}
