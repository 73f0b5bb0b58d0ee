package org.pcap2hdfs.packet;

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
    final long firstSeenMicros;
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
}
