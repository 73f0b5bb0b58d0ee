package org.pcap2hdfs.packet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.metrics.DecodeCounters;

/**
 * DNS over TCP: follows each direction of a connection by sequence number and cuts the byte stream
 * into 2-byte-length-prefixed messages. Handles several messages per segment, messages split over
 * segments, retransmissions (overlaps are trimmed), out-of-order segments (buffered, bounded), a
 * capture that starts mid-stream, and holes: the bytes that cannot be framed are dropped and
 * counted, and the stream resumes at the next point that looks like a message boundary.
 */
public final class TcpReassembler {
  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;
  private static final int DNS_HEADER = 12;

  /** A segment that arrived ahead of the bytes before it. */
  private static final class Segment {
    final int seq;
    final byte[] data;

    Segment(int seq, byte[] data) {
      this.seq = seq;
      this.data = data;
    }
  }

  /** One direction of a connection. */
  private static final class Half {
    boolean synced;
    int nextSeq;
    boolean needBoundary;
    boolean fin;
    byte[] buf = new byte[0];
    int len;
    final List<Segment> early = new ArrayList<>(2);
    int earlyBytes;

    /** Back to a new half's state; a buffer of ordinary size is kept for the next connection. */
    void reset() {
      synced = false;
      nextSeq = 0;
      needBoundary = false;
      fin = false;
      len = 0;
      early.clear();
      earlyBytes = 0;
      if (buf.length > KEPT_BUFFER_BYTES) {
        buf = new byte[0];
      }
    }

    void append(byte[] b, int p, int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(len + n, Math.max(256, buf.length * 2)));
      }
      System.arraycopy(b, p, buf, len, n);
      len += n;
    }
  }

  private static final class Connection {
    final Half[] halves = {new Half(), new Half()};
    long lastSeenMicros;
    long synAckMicros = -1;
    int synAckSide = -1;
    long rttMicros = -1;

    void reset() {
      halves[0].reset();
      halves[1].reset();
      lastSeenMicros = 0;
      synAckMicros = -1;
      synAckSide = -1;
      rttMicros = -1;
    }
  }

  /**
   * Closed connections kept for reuse: a capture opens tens of thousands of short DNS-over-TCP
   * connections, and allocating two fresh growing buffers for each was most of the decoder's
   * allocation.
   */
  private static final int SPARE_CONNECTIONS = 256;

  private static final int KEPT_BUFFER_BYTES = 8 * 1024;
  private final ArrayDeque<Connection> spare = new ArrayDeque<>();

  private final DnsPorts dnsPorts;
  private final MessageSink sink;
  private final DecodeCounters counters;
  private final ReassemblyLimits limits;
  private final LinkedHashMap<AddressKey, Connection> connections =
      new LinkedHashMap<>(64, 0.75f, true);

  TcpReassembler(
      DnsPorts dnsPorts, MessageSink sink, DecodeCounters counters, ReassemblyLimits limits) {
    this.dnsPorts = dnsPorts;
    this.sink = sink;
    this.counters = counters;
    this.limits = limits;
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
    Connection c = connections.get(key);
    if (c == null) {
      if ((flags & SYN) == 0 && dataLength == 0) {
        return; // a bare ACK/FIN/RST of a connection we never saw carries nothing for us
      }
      if (connections.size() >= limits.maxTcpFlows) {
        evictOldest();
      }
      c = spare.isEmpty() ? new Connection() : spare.pop();
      connections.put(key, c);
    }
    c.lastSeenMicros = t.timestampMicros;
    Half h = c.halves[side];

    if ((flags & SYN) != 0) {
      h.synced = true;
      h.nextSeq = seq + 1;
      h.needBoundary = false;
      h.len = 0;
      h.early.clear();
      h.earlyBytes = 0;
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
    if ((flags & FIN) != 0) {
      h.fin = true;
      if (!h.early.isEmpty()) {
        gap(t, h);
      }
      if (c.halves[0].fin && c.halves[1].fin) {
        close(key, c);
      }
    }
  }

  private void data(Transport t, Half h, int seq, byte[] b, int p, int n) {
    if (!h.synced) {
      // The capture started after the handshake: guess that this segment starts a message.
      h.synced = true;
      h.nextSeq = seq;
      h.needBoundary = true;
    }
    int d = seq - h.nextSeq;
    if (d < 0) {
      if (-d >= n) {
        counters.tcpRetransmittedSegments++;
        return;
      }
      counters.tcpRetransmittedSegments++;
      p += -d;
      n -= -d;
      seq = h.nextSeq;
      d = 0;
    }
    if (d > 0) {
      h.early.add(new Segment(seq, Arrays.copyOfRange(b, p, p + n)));
      h.earlyBytes += n;
      if (h.earlyBytes > limits.maxTcpOutOfOrderBytes) {
        gap(t, h);
      }
      return;
    }
    h.nextSeq += n;
    if (h.len == 0 && h.early.isEmpty()) {
      // The usual case: nothing waits, so the messages are framed where the segment lies and
      // only an unfinished tail is kept.
      int used = extract(t, h, b, p, n);
      if (used < n) {
        h.append(b, p + used, n - used);
      }
      return;
    }
    h.append(b, p, n);
    drainEarly(h);
    extractBuffered(t, h);
  }

  /** Appends buffered early segments that now continue the stream. */
  private void drainEarly(Half h) {
    boolean progressed = true;
    while (progressed && !h.early.isEmpty()) {
      progressed = false;
      for (Iterator<Segment> it = h.early.iterator(); it.hasNext(); ) {
        Segment s = it.next();
        int d = s.seq - h.nextSeq;
        if (d > 0) {
          continue;
        }
        it.remove();
        h.earlyBytes -= s.data.length;
        int skip = -d;
        if (skip < s.data.length) {
          h.append(s.data, skip, s.data.length - skip);
          h.nextSeq += s.data.length - skip;
        }
        progressed = true;
      }
    }
  }

  /**
   * Gives up on the missing bytes before the earliest buffered segment: what was waiting for them
   * is dropped and the stream resumes at that segment, at the next plausible message boundary.
   */
  private void gap(Transport t, Half h) {
    counters.tcpGaps++;
    counters.tcpBytesDropped += h.len;
    h.len = 0;
    Segment first = null;
    for (Segment s : h.early) {
      if (first == null || s.seq - first.seq < 0) {
        first = s;
      }
    }
    if (first == null) {
      return;
    }
    h.nextSeq = first.seq;
    h.needBoundary = true;
    drainEarly(h);
    extractBuffered(t, h);
  }

  /** Frames the messages in the half's buffer and keeps what is left of it. */
  private void extractBuffered(Transport t, Half h) {
    int used = extract(t, h, h.buf, 0, h.len);
    if (used > 0) {
      System.arraycopy(h.buf, used, h.buf, 0, h.len - used);
      h.len -= used;
    }
  }

  /**
   * Hands the length-prefixed messages in {@code buf[off, off + len)} to the sink; returns how many
   * bytes were used up (framed or dropped).
   */
  private int extract(Transport t, Half h, byte[] buf, int off, int len) {
    int pos = off;
    int end = off + len;
    boolean toServer = dnsPorts.contains(t.dstPort);
    boolean fromServer = dnsPorts.contains(t.srcPort);
    while (end - pos >= 2) {
      int messageLength = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
      if (h.needBoundary) {
        if (end - pos < 2 + DNS_HEADER) {
          break; // too little to judge yet
        }
        if (!plausibleStart(buf, pos, messageLength, toServer, fromServer)) {
          counters.tcpBytesDropped += end - pos;
          pos = end;
          break;
        }
        h.needBoundary = false;
      }
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
      pos += 2 + messageLength;
    }
    return pos - off;
  }

  /** Whether a length prefix and the header after it look like the start of a DNS message. */
  private static boolean plausibleStart(
      byte[] b, int p, int messageLength, boolean toServer, boolean fromServer) {
    if (messageLength < DNS_HEADER) {
      return false;
    }
    int flags = (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
    boolean response = (flags & 0x8000) != 0;
    if (toServer != fromServer && response != fromServer) {
      return false;
    }
    int opcode = (flags >>> 11) & 0xF;
    if (opcode == 3 || opcode > 6) {
      return false;
    }
    int qdcount = (b[p + 6] & 0xFF) << 8 | (b[p + 7] & 0xFF);
    return qdcount <= 1;
  }

  private void close(AddressKey key, Connection c) {
    for (Half h : c.halves) {
      counters.tcpBytesDropped += h.len + h.earlyBytes;
    }
    connections.remove(key);
    recycle(c);
  }

  private void recycle(Connection c) {
    if (spare.size() < SPARE_CONNECTIONS) {
      c.reset();
      spare.push(c);
    }
  }

  private void expireIdle(long nowMicros) {
    Iterator<Map.Entry<AddressKey, Connection>> it = connections.entrySet().iterator();
    while (it.hasNext()) {
      Connection c = it.next().getValue();
      if (nowMicros - c.lastSeenMicros <= limits.tcpIdleTimeoutMicros) {
        return;
      }
      for (Half h : c.halves) {
        counters.tcpBytesDropped += h.len + h.earlyBytes;
      }
      it.remove();
      recycle(c);
    }
  }

  private void evictOldest() {
    Iterator<Map.Entry<AddressKey, Connection>> it = connections.entrySet().iterator();
    if (it.hasNext()) {
      Connection c = it.next().getValue();
      for (Half h : c.halves) {
        counters.tcpBytesDropped += h.len + h.earlyBytes;
      }
      it.remove();
      recycle(c);
      counters.tcpFlowsEvicted++;
    }
  }

  /** Forgets every connection (end of the stream); unframed bytes are counted as dropped. */
  public void clear() {
    for (Connection c : connections.values()) {
      for (Half h : c.halves) {
        counters.tcpBytesDropped += h.len + h.earlyBytes;
      }
    }
    connections.clear();
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
    for (Map.Entry<AddressKey, Connection> e : connections.entrySet()) {
      e.getKey().write(out);
      Connection c = e.getValue();
      out.writeLong(c.lastSeenMicros);
      out.writeLong(c.synAckMicros);
      out.writeByte(c.synAckSide);
      out.writeLong(c.rttMicros);
      for (Half h : c.halves) {
        out.writeBoolean(h.synced);
        out.writeInt(h.nextSeq);
        out.writeBoolean(h.needBoundary);
        out.writeBoolean(h.fin);
        out.writeInt(h.len);
        out.write(h.buf, 0, h.len);
        out.writeInt(h.early.size());
        for (Segment s : h.early) {
          out.writeInt(s.seq);
          out.writeInt(s.data.length);
          out.write(s.data);
        }
      }
    }
  }

  /** Replaces the state with what {@link #writeState} wrote. */
  public void readState(DataInput in) throws IOException {
    connections.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      AddressKey key = AddressKey.read(in);
      Connection c = new Connection();
      c.lastSeenMicros = in.readLong();
      c.synAckMicros = in.readLong();
      c.synAckSide = in.readByte();
      c.rttMicros = in.readLong();
      for (Half h : c.halves) {
        h.synced = in.readBoolean();
        h.nextSeq = in.readInt();
        h.needBoundary = in.readBoolean();
        h.fin = in.readBoolean();
        h.len = bounded(in.readInt());
        h.buf = new byte[Math.max(256, h.len)];
        in.readFully(h.buf, 0, h.len);
        int segments = bounded(in.readInt());
        for (int s = 0; s < segments; s++) {
          int seq = in.readInt();
          byte[] data = new byte[bounded(in.readInt())];
          in.readFully(data);
          h.early.add(new Segment(seq, data));
          h.earlyBytes += data.length;
        }
      }
      connections.put(key, c);
    }
  }

  private static int bounded(int n) throws IOException {
    if (n < 0 || n > 16 * 1024 * 1024) {
      throw new IOException("corrupt checkpoint: length " + n);
    }
    return n;
  }
}
