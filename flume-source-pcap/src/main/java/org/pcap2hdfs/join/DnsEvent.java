package org.pcap2hdfs.join;

import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.packet.Transport;

/**
 * A DNS message as observed: the parsed message, the transport facts of its packet, and where it
 * came from (file and position, for the row's event id). Pooled by the {@link Joiner}.
 */
public final class DnsEvent {
  public final DnsMessage message = new DnsMessage();

  public long timestampMicros;
  public int ipVersion;
  public final byte[] src = new byte[16];
  public final byte[] dst = new byte[16];
  public int srcPort;
  public int dstPort;
  public int protocol;
  public int ttl;
  public boolean dontFragment;
  public int fragments;
  public long tcpHandshakeRttMicros;

  /** Base name of the capture file the message came from. */
  public String file;

  /** Index of the message among the DNS messages of that file, from 0. */
  public long messageIndex;

  /** Response messages joined to this event (zone transfers may have several). */
  public int responseMessages;

  // Join bookkeeping: arrival order and ring slot while pending.
  long sequence;
  int slot = -1;
  int keyHash;

  public void setTransport(Transport t) {
    timestampMicros = t.timestampMicros;
    ipVersion = t.ipVersion;
    int n = t.addressLength();
    System.arraycopy(t.src, 0, src, 0, n);
    System.arraycopy(t.dst, 0, dst, 0, n);
    srcPort = t.srcPort;
    dstPort = t.dstPort;
    protocol = t.protocol;
    ttl = t.ttl;
    dontFragment = t.dontFragment;
    fragments = t.fragments;
    tcpHandshakeRttMicros = t.tcpHandshakeRttMicros;
  }

  public int addressLength() {
    return ipVersion == 6 ? 16 : 4;
  }

  /** Copies everything but the join bookkeeping. */
  public void copyFrom(DnsEvent o) {
    message.copyFrom(o.message);
    timestampMicros = o.timestampMicros;
    ipVersion = o.ipVersion;
    System.arraycopy(o.src, 0, src, 0, 16);
    System.arraycopy(o.dst, 0, dst, 0, 16);
    srcPort = o.srcPort;
    dstPort = o.dstPort;
    protocol = o.protocol;
    ttl = o.ttl;
    dontFragment = o.dontFragment;
    fragments = o.fragments;
    tcpHandshakeRttMicros = o.tcpHandshakeRttMicros;
    file = o.file;
    messageIndex = o.messageIndex;
    responseMessages = o.responseMessages;
  }
}
