package org.pcap2hdfs.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link TcpReassembler} knows of one DNS connection: its two directions (sequence numbers,
 * the unfinished message, segments that came early, what the other side acknowledged) and its
 * handshake. Reused from connection to connection.
 */
final class TcpConnection {
  /** An acknowledgement further ahead than this is not taken as evidence of lost bytes. */
  private static final int MAX_ACKED_AHEAD = 1 << 30;

  /** A buffer grown beyond this is not kept for the next connection. */
  private static final int KEPT_BUFFER_BYTES = 8 * 1024;

  final Half[] halves = {new Half(this, 0), new Half(this, 1)};
  AddressKey key;
  long lastSeenMicros;
  long synAckMicros = -1;
  int synAckSide = -1;
  long rttMicros = -1;

  void reset() {
    halves[0].reset();
    halves[1].reset();
    key = null;
    lastSeenMicros = 0;
    synAckMicros = -1;
    synAckSide = -1;
    rttMicros = -1;
  }

  /** A segment that arrived ahead of the bytes before it, with the facts of its packet. */
  static final class Segment {
    final int seq;
    final byte[] data;
    final long timestampMicros;
    final int ttl;
    final boolean dontFragment;
    final int fragments;

    Segment(
        int seq, byte[] data, long timestampMicros, int ttl, boolean dontFragment, int fragments) {
      this.seq = seq;
      this.data = data;
      this.timestampMicros = timestampMicros;
      this.ttl = ttl;
      this.dontFragment = dontFragment;
      this.fragments = fragments;
    }
  }

  /** One direction of a connection. */
  static final class Half {
    final TcpConnection connection;

    /** 0: sent by the key's first endpoint; 1: by its second. */
    final int side;

    boolean synced;
    int nextSeq;
    boolean needBoundary;
    boolean fin;
    int finSeq;

    /** Whether the other side has acknowledged bytes of this direction, and how far. */
    boolean peerAcked;

    int peerAck;
    byte[] buf = new byte[0];
    int len;

    /** Latest capture time of the bytes in {@link #buf}. */
    long bufTimeMicros;

    /** Where in {@link #buf} the latest segment's bytes begin: a resynchronisation candidate. */
    int lastSegmentStart;

    final List<Segment> early = new ArrayList<>(2);
    int earlyBytes;

    /** Capture time since which the early segments have waited (that of the oldest). */
    long waitingSinceMicros;

    Half(TcpConnection connection, int side) {
      this.connection = connection;
      this.side = side;
    }

    /** Back to a new half's state; a buffer of ordinary size is kept for the next connection. */
    void reset() {
      synced = false;
      nextSeq = 0;
      needBoundary = false;
      fin = false;
      finSeq = 0;
      peerAcked = false;
      peerAck = 0;
      len = 0;
      lastSegmentStart = 0;
      early.clear();
      earlyBytes = 0;
      if (buf.length > KEPT_BUFFER_BYTES) {
        buf = new byte[0];
      }
    }

    void append(byte[] b, int p, int n, long timestampMicros) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(len + n, Math.max(256, buf.length * 2)));
      }
      bufTimeMicros = len == 0 ? timestampMicros : Math.max(bufTimeMicros, timestampMicros);
      lastSegmentStart = len;
      System.arraycopy(b, p, buf, len, n);
      len += n;
    }

    /** How far the bytes of this direction are known to have been sent (ACK or FIN). */
    boolean sentBeyond(int seq) {
      if (!peerAcked) {
        return false;
      }
      int ahead = peerAck - seq;
      if (fin && peerAck - finSeq > 0) {
        ahead = finSeq - seq; // the acknowledgement of the FIN itself
      }
      return ahead > 0 && ahead <= MAX_ACKED_AHEAD;
    }

    int acknowledged() {
      return fin && peerAck - finSeq > 0 ? finSeq : peerAck;
    }

    Segment earliest() {
      Segment first = null;
      for (Segment s : early) {
        if (first == null || s.seq - first.seq < 0) {
          first = s;
        }
      }
      return first;
    }

    long oldestArrival() {
      long t = Long.MAX_VALUE;
      for (Segment s : early) {
        t = Math.min(t, s.timestampMicros);
      }
      return t;
    }
  }
}
