package org.pcap2hdfs.cli.synth;

import static org.pcap2hdfs.cli.synth.PacketBuilder.ACK;
import static org.pcap2hdfs.cli.synth.PacketBuilder.FIN;
import static org.pcap2hdfs.cli.synth.PacketBuilder.PSH;
import static org.pcap2hdfs.cli.synth.PacketBuilder.SYN;

import java.io.IOException;

/**
 * One DNS-over-TCP connection between a client and a server: keeps both sequence numbers and writes
 * the handshake, length-prefixed messages (cut into segments as asked) and the close. The caller
 * gives every segment its time; frames go to a {@link FrameSink} that may reorder by time.
 */
public final class TcpConversation {
  private final PacketBuilder packets;
  private final Endpoint client;
  private final Endpoint server;
  private int clientSeq;
  private int serverSeq;
  private final byte[] scratch = new byte[65_537];
  private int frames;

  public TcpConversation(
      PacketBuilder packets, Endpoint client, Endpoint server, int clientIsn, int serverIsn) {
    this.packets = packets;
    this.client = client;
    this.server = server;
    this.clientSeq = clientIsn;
    this.serverSeq = serverIsn;
  }

  /** Frames written so far. */
  public int frames() {
    return frames;
  }

  /**
   * SYN at {@code ts}, SYN-ACK {@code serverDelay} later, the client's ACK one RTT after the SYN.
   */
  public void handshake(FrameSink out, long ts, long serverDelayMicros, long rttMicros)
      throws IOException {
    segment(out, ts, true, SYN, scratch, 0, 0);
    clientSeq++;
    segment(out, ts + serverDelayMicros, false, SYN | ACK, scratch, 0, 0);
    serverSeq++;
    segment(out, ts + rttMicros, true, ACK, scratch, 0, 0);
  }

  /**
   * Sends one DNS message with its 2-byte length prefix, in as many segments as needed: the stream
   * is cut at {@code cuts} (offsets into the prefixed stream, ascending, may be empty) and wherever
   * a segment would exceed the MTU. Segment {@code i} goes out at {@code ts + i * gapMicros}.
   *
   * @return the time of the last segment
   */
  public long message(
      FrameSink out,
      long ts,
      boolean fromClient,
      byte[] dns,
      int off,
      int len,
      long gapMicros,
      int... cuts)
      throws IOException {
    byte[] s = scratch;
    PacketBuilder.put16(s, 0, len);
    System.arraycopy(dns, off, s, 2, len);
    return stream(out, ts, fromClient, s, 0, len + 2, gapMicros, cuts);
  }

  /**
   * Sends raw stream bytes (e.g. two prefixed messages in one segment), cut like {@link #message}.
   *
   * @return the time of the last segment
   */
  public long stream(
      FrameSink out,
      long ts,
      boolean fromClient,
      byte[] data,
      int off,
      int len,
      long gapMicros,
      int... cuts)
      throws IOException {
    int limit = packets.tcpPayloadLimit(client);
    int pos = 0;
    int cut = 0;
    long t = ts;
    while (pos < len) {
      while (cut < cuts.length && cuts[cut] <= pos) {
        cut++;
      }
      int end = Math.min(len, pos + limit);
      if (cut < cuts.length && cuts[cut] < end) {
        end = cuts[cut];
      }
      segment(out, t, fromClient, ACK | PSH, data, off + pos, end - pos);
      pos = end;
      if (pos < len) {
        t += gapMicros;
      }
    }
    return t;
  }

  /** A bare ACK of everything received so far. */
  public void ack(FrameSink out, long ts, boolean fromClient) throws IOException {
    segment(out, ts, fromClient, ACK, scratch, 0, 0);
  }

  /**
   * Closes the connection: FIN from one side at {@code ts}, FIN-ACK from the other {@code
   * peerDelay} later, the last ACK {@code rtt} after the first FIN.
   */
  public void close(FrameSink out, long ts, boolean clientFirst, long peerDelay, long rttMicros)
      throws IOException {
    segment(out, ts, clientFirst, FIN | ACK, scratch, 0, 0);
    advance(clientFirst, 1);
    segment(out, ts + peerDelay, !clientFirst, FIN | ACK, scratch, 0, 0);
    advance(!clientFirst, 1);
    segment(out, ts + Math.max(rttMicros, peerDelay + 1), clientFirst, ACK, scratch, 0, 0);
  }

  private void segment(
      FrameSink out, long ts, boolean fromClient, int flags, byte[] b, int off, int len)
      throws IOException {
    Endpoint src = fromClient ? client : server;
    Endpoint dst = fromClient ? server : client;
    int seq = fromClient ? clientSeq : serverSeq;
    int ack = fromClient ? serverSeq : clientSeq;
    frames += packets.tcp(out, ts, src, dst, seq, ack, flags, b, off, len);
    advance(fromClient, len);
  }

  private void advance(boolean fromClient, int n) {
    if (fromClient) {
      clientSeq += n;
    } else {
      serverSeq += n;
    }
  }
}
