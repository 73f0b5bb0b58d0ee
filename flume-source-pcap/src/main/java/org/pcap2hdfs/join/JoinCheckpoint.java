package org.pcap2hdfs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.dns.DnsMessage;

/**
 * Writes and reads the join state (clock, pending queries, open zone transfers) so that a stream
 * can continue after a restart without losing the queries pending at a file boundary.
 */
public final class JoinCheckpoint {
  private JoinCheckpoint() {}

  public static void write(Joiner joiner, DataOutput out) throws IOException {
    out.writeLong(joiner.clock());
    List<DnsEvent> pending = joiner.pendingInOrder();
    out.writeInt(pending.size());
    for (DnsEvent e : pending) {
      writeEvent(e, out);
    }
    List<DnsEvent[]> transfers = joiner.openTransfers();
    out.writeInt(transfers.size());
    for (DnsEvent[] t : transfers) {
      writeEvent(t[0], out);
      writeEvent(t[1], out);
    }
  }

  public static void read(Joiner joiner, DataInput in) throws IOException {
    long clock = in.readLong();
    int n = count(in);
    List<DnsEvent> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pending.add(readEvent(joiner.take(), in));
    }
    int m = count(in);
    List<DnsEvent[]> transfers = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      DnsEvent q = readEvent(joiner.take(), in);
      DnsEvent r = readEvent(joiner.take(), in);
      transfers.add(new DnsEvent[] {q, r});
    }
    joiner.restore(clock, pending, transfers);
  }

  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000_000) {
      throw new IOException("corrupt checkpoint: count " + n);
    }
    return n;
  }

  static void writeEvent(DnsEvent e, DataOutput out) throws IOException {
    out.writeLong(e.timestampMicros);
    out.writeByte(e.ipVersion);
    out.write(e.src, 0, 16);
    out.write(e.dst, 0, 16);
    out.writeShort(e.srcPort);
    out.writeShort(e.dstPort);
    out.writeByte(e.protocol);
    out.writeByte(e.ttl);
    out.writeBoolean(e.dontFragment);
    out.writeShort(e.fragments);
    out.writeLong(e.tcpHandshakeRttMicros);
    out.writeUTF(e.file == null ? "" : e.file);
    out.writeLong(e.messageIndex);
    out.writeInt(e.responseMessages);
    DnsMessage m = e.message;
    out.writeInt(m.length);
    out.writeShort(m.id);
    out.writeShort(m.flags);
    out.writeShort(m.qdcount);
    out.writeShort(m.ancount);
    out.writeShort(m.nscount);
    out.writeShort(m.arcount);
    out.writeBoolean(m.hasQuestion);
    out.writeUTF(m.hasQuestion ? m.qname.toString() : "");
    out.writeShort(m.qtype);
    out.writeShort(m.qclass);
    out.writeBoolean(m.hasOpt);
    out.writeShort(m.ednsUdpSize);
    out.writeByte(m.ednsVersion);
    out.writeBoolean(m.ednsDo);
    out.writeByte(m.extendedRcodeHigh);
    out.writeShort(m.optLength);
    out.write(m.optData, 0, m.optLength);
    out.writeLong(m.minAnswerTtl);
    out.writeBoolean(m.malformed);
  }

  static DnsEvent readEvent(DnsEvent e, DataInput in) throws IOException {
    e.timestampMicros = in.readLong();
    e.ipVersion = in.readUnsignedByte();
    in.readFully(e.src, 0, 16);
    in.readFully(e.dst, 0, 16);
    e.srcPort = in.readUnsignedShort();
    e.dstPort = in.readUnsignedShort();
    e.protocol = in.readUnsignedByte();
    e.ttl = in.readUnsignedByte();
    e.dontFragment = in.readBoolean();
    e.fragments = in.readUnsignedShort();
    e.tcpHandshakeRttMicros = in.readLong();
    e.file = in.readUTF().intern();
    e.messageIndex = in.readLong();
    e.responseMessages = in.readInt();
    DnsMessage m = e.message;
    m.length = in.readInt();
    m.id = in.readUnsignedShort();
    m.flags = in.readUnsignedShort();
    m.qdcount = in.readUnsignedShort();
    m.ancount = in.readUnsignedShort();
    m.nscount = in.readUnsignedShort();
    m.arcount = in.readUnsignedShort();
    m.hasQuestion = in.readBoolean();
    String qname = in.readUTF();
    m.qname.restore(qname, m.hasQuestion);
    m.qtype = in.readUnsignedShort();
    m.qclass = in.readUnsignedShort();
    m.hasOpt = in.readBoolean();
    m.ednsUdpSize = in.readUnsignedShort();
    m.ednsVersion = in.readUnsignedByte();
    m.ednsDo = in.readBoolean();
    m.extendedRcodeHigh = in.readUnsignedByte();
    m.optLength = in.readUnsignedShort();
    if (m.optData.length < m.optLength) {
      m.optData = new byte[m.optLength];
    }
    in.readFully(m.optData, 0, m.optLength);
    m.minAnswerTtl = in.readLong();
    m.malformed = in.readBoolean();
    m.malformedReason = m.malformed ? "restored from checkpoint" : null;
    return e;
  }
}
