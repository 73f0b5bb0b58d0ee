package org.pcap2hdfs.packet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcap2hdfs.metrics.DecodeCounters;

/**
 * Reassembles IPv4 and IPv6 fragments, bounded in the number of datagrams held and in capture time.
 * Overlapping fragments overwrite earlier bytes; the datagram is complete once the last fragment
 * has arrived and its bytes are contiguous from offset 0.
 */
public final class FragmentReassembler {
  private static final int MAX_DATAGRAM = 65_535 + 8;

  /** A completed datagram, valid until the next call to {@link #add}. */
  static final class Datagram {
    byte[] data;
    int length;
    int protocol;
    int fragmentCount;
    int ttl;
    boolean dontFragment;
  }

  private static final class Partial {
    long firstSeenMicros;
    byte[] data = new byte[2048];
    int totalLength = -1;
    int protocol = -1;
    int fragmentCount;
    int ttl;
    boolean dontFragment;
    // Sorted, non-overlapping, non-adjacent [start, end) ranges received so far.
    int[] starts = new int[4];
    int[] ends = new int[4];
    int ranges;

    Partial(long firstSeenMicros) {
      this.firstSeenMicros = firstSeenMicros;
    }

    void addRange(int start, int end) {
      int[] ns = new int[ranges + 1];
      int[] ne = new int[ranges + 1];
      int n = 0;
      boolean placed = false;
      for (int i = 0; i < ranges; i++) {
        if (ends[i] < start) {
          ns[n] = starts[i];
          ne[n++] = ends[i];
        } else if (starts[i] > end) {
          if (!placed) {
            ns[n] = start;
            ne[n++] = end;
            placed = true;
          }
          ns[n] = starts[i];
          ne[n++] = ends[i];
        } else {
          start = Math.min(start, starts[i]);
          end = Math.max(end, ends[i]);
        }
      }
      if (!placed) {
        ns[n] = start;
        ne[n++] = end;
      }
      starts = ns;
      ends = ne;
      ranges = n;
    }

    boolean complete() {
      return totalLength >= 0 && ranges == 1 && starts[0] == 0 && ends[0] >= totalLength;
    }
  }

  private final ReassemblyLimits limits;
  private final DecodeCounters counters;
  private final LinkedHashMap<AddressKey, Partial> partials = new LinkedHashMap<>();
  private final Datagram done = new Datagram();

  FragmentReassembler(ReassemblyLimits limits, DecodeCounters counters) {
    this.limits = limits;
    this.counters = counters;
  }

  /** Datagrams waiting for fragments. */
  public int pending() {
    return partials.size();
  }

  /**
   * Adds a fragment.
   *
   * @param protocol the transport protocol (IPv4) or the next header after the fragment header
   *     (IPv6; meaningful for the first fragment)
   * @return the reassembled datagram when this fragment completed it, else null
   */
  Datagram add(
      Transport t, long id, int protocol, int offset, boolean more, byte[] b, int p, int len) {
    expire(t.timestampMicros);
    // IPv6 fragments of one datagram share the id whatever their next header; IPv4 keys on both.
    long discriminator = t.ipVersion == 4 ? (id << 8) | protocol : id;
    AddressKey key = AddressKey.of(t.src, t.dst, t.addressLength(), discriminator);
    Partial d = partials.get(key);
    if (d == null) {
      if (partials.size() >= limits.maxFragmentedDatagrams) {
        dropOldest();
      }
      d = new Partial(t.timestampMicros);
      partials.put(key, d);
    }
    d.fragmentCount++;
    int end = offset + len;
    if (len < 0 || end > MAX_DATAGRAM) {
      partials.remove(key);
      counters.fragmentsDropped += d.fragmentCount;
      return null;
    }
    if (offset == 0) {
      d.protocol = protocol;
      d.ttl = t.ttl;
      d.dontFragment = t.dontFragment;
    }
    if (!more) {
      d.totalLength = end;
    }
    if (end > d.data.length) {
      byte[] bigger = new byte[Math.min(MAX_DATAGRAM, Math.max(end, d.data.length * 2))];
      System.arraycopy(d.data, 0, bigger, 0, d.data.length);
      d.data = bigger;
    }
    System.arraycopy(b, p, d.data, offset, len);
    d.addRange(offset, end);
    if (!d.complete()) {
      return null;
    }
    partials.remove(key);
    counters.fragmentsReassembled++;
    done.data = d.data;
    done.length = d.totalLength;
    done.protocol = d.protocol;
    done.fragmentCount = d.fragmentCount;
    done.ttl = d.ttl;
    done.dontFragment = d.dontFragment;
    return done;
  }

  private void expire(long nowMicros) {
    Iterator<Map.Entry<AddressKey, Partial>> it = partials.entrySet().iterator();
    while (it.hasNext()) {
      Partial d = it.next().getValue();
      if (nowMicros - d.firstSeenMicros <= limits.fragmentTimeoutMicros) {
        return;
      }
      counters.fragmentsDropped += d.fragmentCount;
      it.remove();
    }
  }

  private void dropOldest() {
    Iterator<Map.Entry<AddressKey, Partial>> it = partials.entrySet().iterator();
    if (it.hasNext()) {
      counters.fragmentsDropped += it.next().getValue().fragmentCount;
      it.remove();
    }
  }

  /** Drops every incomplete datagram (end of the stream); they are counted as dropped. */
  public void clear() {
    for (Partial d : partials.values()) {
      counters.fragmentsDropped += d.fragmentCount;
    }
    partials.clear();
  }

  /** Writes the incomplete datagrams (checkpoints). */
  public void writeState(DataOutput out) throws IOException {
    out.writeInt(partials.size());
    for (Map.Entry<AddressKey, Partial> e : partials.entrySet()) {
      e.getKey().write(out);
      Partial d = e.getValue();
      out.writeLong(d.firstSeenMicros);
      out.writeInt(d.totalLength);
      out.writeInt(d.protocol);
      out.writeInt(d.fragmentCount);
      out.writeByte(d.ttl);
      out.writeBoolean(d.dontFragment);
      out.writeInt(d.ranges);
      int end = 0;
      for (int i = 0; i < d.ranges; i++) {
        out.writeInt(d.starts[i]);
        out.writeInt(d.ends[i]);
        end = Math.max(end, d.ends[i]);
      }
      out.writeInt(end);
      out.write(d.data, 0, end);
    }
  }

  /** Replaces the state with what {@link #writeState} wrote. */
  public void readState(DataInput in) throws IOException {
    partials.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      AddressKey key = AddressKey.read(in);
      Partial d = new Partial(in.readLong());
      d.totalLength = in.readInt();
      d.protocol = in.readInt();
      d.fragmentCount = in.readInt();
      d.ttl = in.readUnsignedByte();
      d.dontFragment = in.readBoolean();
      int ranges = in.readInt();
      if (ranges < 0 || ranges > MAX_DATAGRAM) {
        throw new IOException("corrupt checkpoint: " + ranges + " fragment ranges");
      }
      for (int r = 0; r < ranges; r++) {
        int start = in.readInt();
        d.addRange(start, in.readInt());
      }
      int end = in.readInt();
      if (end < 0 || end > MAX_DATAGRAM) {
        throw new IOException("corrupt checkpoint: datagram length " + end);
      }
      d.data = new byte[Math.max(2048, end)];
      in.readFully(d.data, 0, end);
      partials.put(key, d);
    }
  }
}
