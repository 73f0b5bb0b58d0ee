package org.pcap2hdfs.packet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.TcpConnection.Half;
import org.pcap2hdfs.packet.TcpConnection.Segment;

/**
 * DNS over TCP: follows each direction of a connection by sequence number and cuts the byte stream
 * into 2-byte-length-prefixed messages. Handles several messages per segment, messages split over
 * segments, retransmissions (overlaps are trimmed), out-of-order segments (buffered, bounded) and a
 * capture that starts mid-stream.
 *
 * <p>A hole (bytes never captured) is taken as capture loss, not reordering, once the other side
 * has acknowledged bytes beyond it, once data after it has waited longer than {@link
 * ReassemblyLimits#tcpGapTimeoutMicros}, or when a FIN or the end of the connection comes after it:
 * the unfinished message before it is dropped (counted), the hole is counted as a gap and its bytes
 * as skipped, and the stream resumes at the next segment that starts a plausible message ({@link
 * MessageStart}). Every message carries the capture time, direction and IP facts of the segment
 * that completed it, also when it is handed on later.
 */
public final class TcpReassembler {
  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;

  /** A direction whose early segments wait behind a hole, as of a capture time. */
  private static final class Waiting {
    final Half half;
    final long sinceMicros;

    Waiting(Half half, long sinceMicros) {
      this.half = half;
      this.sinceMicros = sinceMicros;
    }

    /** False once the hole was filled or resolved, or the half moved on to another wait. */
    boolean current() {
      return !half.early.isEmpty() && half.waitingSinceMicros == sinceMicros;
    }
  }

  /**
   * Closed connections kept for reuse: a capture opens tens of thousands of short DNS-over-TCP
   * connections, and allocating two fresh growing buffers for each was most of the decoder's
   * allocation.
   */
  private static final int SPARE_CONNECTIONS = 256;

  private final ArrayDeque<TcpConnection> spare = new ArrayDeque<>();

  /** Directions waiting behind a hole, oldest wait first (roughly: a re-queued wait goes last). */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** The transport of messages handed on after their own packet (from early segments). */
  private final Transport deferred = new Transport();

  private final DnsPorts dnsPorts;
  private final MessageSink sink;
  private final DecodeCounters counters;
  private final ReassemblyLimits limits;
  private final LinkedHashMap<AddressKey, TcpConnection> connections =
      new LinkedHashMap<>(64, 0.75f, true);

  TcpReassembler(
      DnsPorts dnsPorts, MessageSink sink, DecodeCounters counters, ReassemblyLimits limits) {
    this.dnsPorts = dnsPorts;
    this.sink = sink;
    this.counters = counters;
    this.limits = limits;
    deferred.protocol = Transport.TCP;
  }

  /** Connections being followed. */
  public int connections() {
    return connections.size();
  }

  void segment(Transport t, byte[] b, int p, int end) {
    if (end - p < 20) {
      counters.badIp++;
      return;
    }
    int srcPort = PacketDecoder.u16(b, p);
    int dstPort = PacketDecoder.u16(b, p + 2);
    if (!dnsPorts.contains(srcPort) && !dnsPorts.contains(dstPort)) {
      counters.notDns++;
      return;
    }
    int headerLength = ((b[p + 12] & 0xF0) >>> 4) * 4;
    if (headerLength < 20 || p + headerLength > end) {
      counters.badIp++;
      return;
    }
    counters.tcpSegments++;
    int seq = PacketDecoder.u32(b, p + 4);
    int flags = b[p + 13] & 0x3F;
    int dataStart = p + headerLength;
    int dataLength = end - dataStart;
    t.srcPort = srcPort;
    t.dstPort = dstPort;
    t.protocol = Transport.TCP;
    expireIdle(t.timestampMicros);

    int addressLength = t.addressLength();
    int order = compareEndpoints(t.src, srcPort, t.dst, dstPort, addressLength);
    int side = order <= 0 ? 0 : 1;
    AddressKey key =
        side == 0
            ? AddressKey.of(t.src, t.dst, addressLength, (long) srcPort << 16 | dstPort)
            : AddressKey.of(t.dst, t.src, addressLength, (long) dstPort << 16 | srcPort);
    TcpConnection c = connections.get(key);
    if (c == null) {
      if ((flags & SYN) == 0 && dataLength == 0) {
        return; // a bare ACK/FIN/RST of a connection we never saw carries nothing for us
      }
      if (connections.size() >= limits.maxTcpFlows) {
        evictOldest();
      }
      c = spare.isEmpty() ? new TcpConnection() : spare.pop();
      c.key = key;
      connections.put(key, c);
    }
    c.lastSeenMicros = t.timestampMicros;
    Half h = c.halves[side];

    if ((flags & ACK) != 0) {
      // Before this segment's data: what the other side waited with comes first.
      acknowledged(c.halves[1 - side], PacketDecoder.u32(b, p + 8));
    }
    if ((flags & SYN) != 0) {
      h.reset();
      h.synced = true;
      h.nextSeq = seq + 1;
      seq += 1;
      if ((flags & ACK) != 0) {
        c.synAckMicros = t.timestampMicros;
        c.synAckSide = side;
      }
    } else if ((flags & ACK) != 0
        && c.synAckMicros >= 0
        && c.rttMicros < 0
        && side != c.synAckSide) {
      c.rttMicros = t.timestampMicros - c.synAckMicros;
    }
    t.tcpHandshakeRttMicros = c.rttMicros;

    if (dataLength > 0) {
      data(t, h, seq, b, dataStart, dataLength);
    }
    if ((flags & RST) != 0) {
      close(key, c);
      return;
    }
    if ((flags & FIN) != 0 && h.synced) {
      h.fin = true;
      h.finSeq = seq + dataLength;
      // Everything before the FIN was sent: what is still missing was lost.
      resolveAll(h);
      if (c.halves[0].fin && c.halves[1].fin) {
        close(key, c);
      }
    }
  }

  /** The other side acknowledged {@code h}'s bytes up to {@code ack}. */
  private void acknowledged(Half h, int ack) {
    if (!h.synced) {
      return;
    }
    if (!h.peerAcked || ack - h.peerAck > 0) {
      h.peerAck = ack;
      h.peerAcked = true;
    }
    if (!h.early.isEmpty()) {
      skipAcknowledgedHoles(h);
    }
  }

  private void data(Transport t, Half h, int seq, byte[] b, int p, int n) {
    if (!h.synced) {
      // The capture started after the handshake: resume at the first plausible message start.
      h.synced = true;
      h.nextSeq = seq;
      h.needBoundary = true;
    }
    int d = seq - h.nextSeq;
    if (d < 0) {
      counters.tcpRetransmittedSegments++;
      if (-d >= n) {
        return;
      }
      p += -d;
      n -= -d;
      seq = h.nextSeq;
      d = 0;
    }
    if (d > 0) {
      if (h.early.isEmpty()) {
        h.waitingSinceMicros = t.timestampMicros;
        waiting.addLast(new Waiting(h, t.timestampMicros));
      }
      h.early.add(
          new Segment(
              seq,
              Arrays.copyOfRange(b, p, p + n),
              t.timestampMicros,
              t.ttl,
              t.dontFragment,
              t.fragments));
      h.earlyBytes += n;
      if (h.sentBeyond(h.nextSeq)) {
        skipAcknowledgedHoles(h);
      } else if (h.earlyBytes > limits.maxTcpOutOfOrderBytes) {
        skipHole(h);
      }
      return;
    }
    h.nextSeq += n;
    if (h.len == 0) {
      // The usual case: the messages are framed where the segment lies and only an unfinished
      // tail is kept.
      int used = extract(t, t.timestampMicros, h, b, p, n, p);
      if (used < n) {
        h.append(b, p + used, n - used, t.timestampMicros);
        h.lastSegmentStart = 0;
      }
    } else {
      h.append(b, p, n, t.timestampMicros);
      extractBuffered(t, t.timestampMicros, h);
    }
    if (!h.early.isEmpty()) {
      drainEarly(h);
    }
  }

  /** Frames the early segments that now continue the stream, one by one. */
  private void drainEarly(Half h) {
    List<Segment> early = h.early;
    boolean progressed = true;
    while (progressed && !early.isEmpty()) {
      progressed = false;
      for (int i = 0; i < early.size(); i++) {
        Segment s = early.get(i);
        int d = s.seq - h.nextSeq;
        if (d > 0) {
          continue;
        }
        early.remove(i);
        h.earlyBytes -= s.data.length;
        int skip = -d;
        if (skip < s.data.length) {
          h.nextSeq += s.data.length - skip;
          frameDeferred(h, s, skip);
        }
        progressed = true;
        break;
      }
    }
  }

  /** Frames the bytes of an early segment, with its own packet's facts. */
  private void frameDeferred(Half h, Segment s, int skip) {
    Transport t = deferredTransport(h, s);
    boolean continues = h.len > 0;
    h.append(s.data, skip, s.data.length - skip, s.timestampMicros);
    // The first message may have begun in bytes captured later than this segment.
    t.timestampMicros = continues ? h.bufTimeMicros : s.timestampMicros;
    extractBuffered(t, s.timestampMicros, h);
  }

  private Transport deferredTransport(Half h, Segment s) {
    Transport t = deferred;
    AddressKey k = h.connection.key;
    int n = k.a.length;
    t.ipVersion = n == 16 ? 6 : 4;
    int first = (int) (k.x >>> 16) & 0xFFFF;
    int second = (int) k.x & 0xFFFF;
    System.arraycopy(h.side == 0 ? k.a : k.b, 0, t.src, 0, n);
    System.arraycopy(h.side == 0 ? k.b : k.a, 0, t.dst, 0, n);
    t.srcPort = h.side == 0 ? first : second;
    t.dstPort = h.side == 0 ? second : first;
    t.ttl = s.ttl;
    t.dontFragment = s.dontFragment;
    t.fragments = s.fragments;
    t.tcpHandshakeRttMicros = h.connection.rttMicros;
    t.truncatedFrame = false;
    t.timestampMicros = s.timestampMicros;
    return t;
  }

  /**
   * The bytes of {@code h} before {@code upTo} will never be seen: the unfinished message is
   * dropped and the stream resumes at {@code upTo}, at the next plausible message start.
   */
  private void loseUpTo(Half h, int upTo) {
    int missing = upTo - h.nextSeq;
    if (missing <= 0) {
      return;
    }
    counters.tcpGaps++;
    counters.tcpBytesSkipped += missing;
    counters.tcpBytesDropped += h.len;
    h.len = 0;
    h.nextSeq = upTo;
    h.needBoundary = true;
  }

  /** Gives up on the bytes missing before the earliest early segment, and frames what follows. */
  private void skipHole(Half h) {
    Segment first = h.earliest();
    if (first != null) {
      loseUpTo(h, first.seq);
      drainEarly(h);
    }
  }

  /** Skips the holes the other side has acknowledged (as far as data waits behind them). */
  private void skipAcknowledgedHoles(Half h) {
    while (!h.early.isEmpty() && h.sentBeyond(h.nextSeq)) {
      int acked = h.acknowledged();
      Segment first = h.earliest();
      loseUpTo(h, first.seq - acked < 0 ? first.seq : acked);
      drainEarly(h);
    }
  }

  /** The direction ends (FIN, close, end of stream): every hole is lost, what waits is framed. */
  private void resolveAll(Half h) {
    while (!h.early.isEmpty()) {
      skipHole(h);
    }
    if (h.fin) {
      loseUpTo(h, h.finSeq);
    } else if (h.sentBeyond(h.nextSeq)) {
      loseUpTo(h, h.acknowledged());
    }
  }

  /**
   * Takes as lost the holes that data has waited behind for longer than the gap timeout at capture
   * time {@code nowMicros}; called for every frame.
   */
  void expireWaiting(long nowMicros) {
    while (!waiting.isEmpty()) {
      Waiting w = waiting.peekFirst();
      if (!w.current()) {
        waiting.pollFirst();
        continue;
      }
      if (nowMicros - w.sinceMicros <= limits.tcpGapTimeoutMicros) {
        return;
      }
      waiting.pollFirst();
      Half h = w.half;
      while (!h.early.isEmpty() && nowMicros - h.oldestArrival() > limits.tcpGapTimeoutMicros) {
        skipHole(h);
      }
      if (!h.early.isEmpty()) {
        h.waitingSinceMicros = h.oldestArrival();
        waiting.addLast(new Waiting(h, h.waitingSinceMicros));
      }
    }
  }

  /** Frames the messages in the half's buffer and keeps what is left of it. */
  private void extractBuffered(Transport t, long segmentMicros, Half h) {
    int used = extract(t, segmentMicros, h, h.buf, 0, h.len, h.lastSegmentStart);
    if (used > 0) {
      System.arraycopy(h.buf, used, h.buf, 0, h.len - used);
      h.len -= used;
      h.lastSegmentStart = Math.max(0, h.lastSegmentStart - used);
    }
  }

  /**
   * Hands the length-prefixed messages in {@code buf[off, off + len)} to the sink; returns how many
   * bytes were used up (framed or dropped). The first message gets {@code t}'s time, the others
   * {@code segmentMicros} (the time of the segment at {@code segmentStart}, where they lie).
   */
  private int extract(
      Transport t, long segmentMicros, Half h, byte[] buf, int off, int len, int segmentStart) {
    int pos = off;
    int end = off + len;
    boolean toServer = dnsPorts.contains(t.dstPort);
    boolean fromServer = dnsPorts.contains(t.srcPort);
    while (end - pos >= 2) {
      if (h.needBoundary) {
        int verdict = MessageStart.judge(buf, pos, end - pos, toServer, fromServer);
        if (verdict == MessageStart.MORE) {
          break;
        }
        if (verdict == MessageStart.NO) {
          int to = pos < segmentStart ? segmentStart : end; // retry where the last segment began
          counters.tcpBytesDropped += to - pos;
          pos = to;
          continue;
        }
        h.needBoundary = false;
      }
      int messageLength = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
      if (messageLength == 0) {
        counters.tcpBytesDropped += 2;
        pos += 2;
        h.needBoundary = true;
        continue;
      }
      if (end - pos - 2 < messageLength) {
        break;
      }
      counters.tcpMessages++;
      sink.message(t, buf, pos + 2, messageLength, messageLength);
      t.timestampMicros = segmentMicros;
      pos += 2 + messageLength;
    }
    return pos - off;
  }

  /** Ends a connection: what waits behind holes is framed, unfinished messages are dropped. */
  private void finishConnection(TcpConnection c) {
    for (Half h : c.halves) {
      if (h.synced) {
        resolveAll(h);
      }
      counters.tcpBytesDropped += h.len + h.earlyBytes;
    }
  }

  private void close(AddressKey key, TcpConnection c) {
    finishConnection(c);
    connections.remove(key);
    recycle(c);
  }

  private void recycle(TcpConnection c) {
    if (spare.size() < SPARE_CONNECTIONS) {
      c.reset();
      spare.push(c);
    }
  }

  private void expireIdle(long nowMicros) {
    Iterator<Map.Entry<AddressKey, TcpConnection>> it = connections.entrySet().iterator();
    while (it.hasNext()) {
      TcpConnection c = it.next().getValue();
      if (nowMicros - c.lastSeenMicros <= limits.tcpIdleTimeoutMicros) {
        return;
      }
      finishConnection(c);
      it.remove();
      recycle(c);
    }
  }

  private void evictOldest() {
    Iterator<Map.Entry<AddressKey, TcpConnection>> it = connections.entrySet().iterator();
    if (it.hasNext()) {
      TcpConnection c = it.next().getValue();
      finishConnection(c);
      it.remove();
      recycle(c);
      counters.tcpFlowsEvicted++;
    }
  }

  /**
   * Ends every connection (end of the stream): messages waiting behind holes are framed with their
   * own capture times; unframed bytes are counted as dropped. Call before the join is flushed.
   */
  public void clear() {
    for (TcpConnection c : connections.values()) {
      finishConnection(c);
    }
    connections.clear();
    waiting.clear();
  }

  private static int compareEndpoints(byte[] a, int aPort, byte[] b, int bPort, int n) {
    for (int i = 0; i < n; i++) {
      int d = (a[i] & 0xFF) - (b[i] & 0xFF);
      if (d != 0) {
        return d;
      }
    }
    return aPort - bPort;
  }

  /** Writes every connection's state (checkpoints). */
  public void writeState(DataOutput out) throws IOException {
    out.writeInt(connections.size());
    for (Map.Entry<AddressKey, TcpConnection> e : connections.entrySet()) {
      e.getKey().write(out);
      TcpConnection c = e.getValue();
      out.writeLong(c.lastSeenMicros);
      out.writeLong(c.synAckMicros);
      out.writeByte(c.synAckSide);
      out.writeLong(c.rttMicros);
      for (Half h : c.halves) {
        out.writeBoolean(h.synced);
        out.writeInt(h.nextSeq);
        out.writeBoolean(h.needBoundary);
        out.writeBoolean(h.fin);
        out.writeInt(h.finSeq);
        out.writeBoolean(h.peerAcked);
        out.writeInt(h.peerAck);
        out.writeInt(h.len);
        out.write(h.buf, 0, h.len);
        out.writeLong(h.bufTimeMicros);
        out.writeInt(h.lastSegmentStart);
        out.writeInt(h.early.size());
        for (Segment s : h.early) {
          out.writeInt(s.seq);
          out.writeInt(s.data.length);
          out.write(s.data);
          out.writeLong(s.timestampMicros);
          out.writeByte(s.ttl);
          out.writeBoolean(s.dontFragment);
          out.writeInt(s.fragments);
        }
      }
    }
  }

  /**
   * Replaces the state with what {@link #writeState} wrote; {@code version} 1 had no loss
   * bookkeeping (early segments then take the connection's last capture time and no IP facts).
   */
  public void readState(DataInput in, int version) throws IOException {
    boolean v1 = version == 1;
    connections.clear();
    waiting.clear();
    List<Half> waitingHalves = new ArrayList<>();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      AddressKey key = AddressKey.read(in);
      TcpConnection c = new TcpConnection();
      c.key = key;
      c.lastSeenMicros = in.readLong();
      c.synAckMicros = in.readLong();
      c.synAckSide = in.readByte();
      c.rttMicros = in.readLong();
      for (Half h : c.halves) {
        h.synced = in.readBoolean();
        h.nextSeq = in.readInt();
        h.needBoundary = in.readBoolean();
        h.fin = in.readBoolean();
        h.finSeq = v1 ? h.nextSeq : in.readInt();
        h.peerAcked = !v1 && in.readBoolean();
        h.peerAck = v1 ? 0 : in.readInt();
        h.len = bounded(in.readInt());
        h.buf = new byte[Math.max(256, h.len)];
        in.readFully(h.buf, 0, h.len);
        h.bufTimeMicros = v1 ? c.lastSeenMicros : in.readLong();
        h.lastSegmentStart = v1 ? 0 : Math.min(h.len, bounded(in.readInt()));
        int segments = bounded(in.readInt());
        for (int s = 0; s < segments; s++) {
          int seq = in.readInt();
          byte[] data = new byte[bounded(in.readInt())];
          in.readFully(data);
          long time = v1 ? c.lastSeenMicros : in.readLong();
          int ttl = v1 ? 0 : in.readUnsignedByte();
          boolean dontFragment = !v1 && in.readBoolean();
          int fragments = v1 ? 0 : in.readInt();
          h.early.add(new Segment(seq, data, time, ttl, dontFragment, fragments));
          h.earlyBytes += data.length;
        }
        if (!h.early.isEmpty()) {
          h.waitingSinceMicros = h.oldestArrival();
          waitingHalves.add(h);
        }
      }
      connections.put(key, c);
    }
    waitingHalves.sort(Comparator.comparingLong(h -> h.waitingSinceMicros));
    for (Half h : waitingHalves) {
      waiting.addLast(new Waiting(h, h.waitingSinceMicros));
    }
  }

  private static int bounded(int n) throws IOException {
    if (n < 0 || n > 16 * 1024 * 1024) {
      throw new IOException("corrupt checkpoint: length " + n);
    }
    return n;
  }
}
