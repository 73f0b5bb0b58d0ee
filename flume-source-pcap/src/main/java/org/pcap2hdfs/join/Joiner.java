package org.pcap2hdfs.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.metrics.DecodeCounters;

/**
 * Joins queries with their responses by capture time.
 *
 * <p>Key: client address, client port, DNS id and qname (case-insensitive); a response without a
 * question section matches on the first three. A query waits at most {@link
 * JoinConfig#timeoutMicros} of capture time, then becomes an unanswered row; at most {@link
 * JoinConfig#maxPending} wait, beyond that the oldest is emitted early (evicted).
 *
 * <p>Retransmitted queries (same key while the first is pending) are rows of their own; a response
 * answers the oldest pending query with its key, so a retransmission left over becomes an
 * unanswered row unless a second response arrives. A response that finds no pending query (also a
 * duplicate response) is an unsolicited row. A zone transfer (AXFR/IXFR) answered in several
 * messages is one row; the messages after the first are counted, not rowed.
 *
 * <p>Capture time may go back a little (late packets); a jump back of more than a minute (or the
 * timeout, if longer) is taken as a new clock: what is pending is emitted first, counted as a clock
 * reset.
 *
 * <p>Pending queries live in a ring in arrival order (expiry walks it from the oldest) indexed by
 * an open-addressing table of ring slots; events are pooled, so the steady state allocates nothing.
 */
public final class Joiner {
  private static final int EMPTY = -1;
  private static final int MAX_OPEN_TRANSFERS = 1024;
  private static final int INITIAL_TABLE = 1024;
  private static final int INITIAL_RING = 1024;

  /** A backward jump of capture time beyond this is a discontinuity, not late packets. */
  static final long MIN_CLOCK_RESET_MICROS = 60_000_000L;

  private final JoinConfig config;
  private final long clockResetMicros;
  private final PairSink sink;
  private final boolean sinkKeepsEvents;
  private final DecodeCounters counters;

  // Positions head..tail of the ring hold the pending queries in arrival order, with holes where
  // a query was answered. Holes are not pending: when the ring fills up with them it is compacted
  // (or grown, when more than half of it is pending), and only the pending count is bounded.
  private DnsEvent[] ring = new DnsEvent[INITIAL_RING];
  private long head;
  private long tail;
  private long nextSequence;
  // Open addressing: ring slots, and their key hashes side by side so that a probe compares ints
  // in one array and touches an event only when the hash matches.
  private int[] table;
  private int[] hashes;
  private int mask;

  private DnsEvent[] pool = new DnsEvent[64];
  private int pooled;

  private final List<Transfer> transfers = new ArrayList<>();
  private long maxTimestamp = Long.MIN_VALUE;
  private int pendingCount;

  /** A zone transfer whose first response arrived; more messages may follow. */
  private static final class Transfer {
    final DnsEvent query;
    final DnsEvent response;
    long lastSeenMicros;

    Transfer(DnsEvent query, DnsEvent response) {
      this.query = query;
      this.response = response;
      this.lastSeenMicros = response.timestampMicros;
    }
  }

  public Joiner(JoinConfig config, PairSink sink, DecodeCounters counters) {
    this(config, sink, counters, false);
  }

  /**
   * A joiner whose sink, when {@code sinkKeepsEvents}, owns the events it is given (instead of
   * their being valid only during the call) and hands each back with {@link #giveBack} when done.
   */
  public Joiner(
      JoinConfig config, PairSink sink, DecodeCounters counters, boolean sinkKeepsEvents) {
    this.config = config;
    this.sink = sink;
    this.sinkKeepsEvents = sinkKeepsEvents;
    this.counters = counters;
    this.clockResetMicros = Math.max(MIN_CLOCK_RESET_MICROS, config.timeoutMicros);
    // The table starts small and doubles with the pending count (kept at most half full): a table
    // sized for the bound would turn every lookup into a cache miss while few queries wait.
    allocateTable(INITIAL_TABLE);
  }

  /** An empty event to fill and hand to {@link #accept}. */
  public DnsEvent take() {
    if (pooled > 0) {
      DnsEvent e = pool[--pooled];
      pool[pooled] = null;
      return e;
    }
    return new DnsEvent();
  }

  /** Returns an event the sink kept (see the constructor) to the pool; on the joiner's thread. */
  public void giveBack(DnsEvent e) {
    recycle(e);
  }

  private void recycle(DnsEvent e) {
    e.slot = -1;
    e.responseMessages = 0;
    if (pooled == pool.length) {
      if (pool.length >= config.maxPending + 64) {
        return; // let the collector have it
      }
      pool = Arrays.copyOf(pool, Math.min(pool.length * 2, config.maxPending + 64));
    }
    pool[pooled++] = e;
  }

  /** Queries waiting for a response. */
  public int pending() {
    return pendingCount;
  }

  /** The capture time the join has reached (the latest message seen). */
  public long clock() {
    return maxTimestamp;
  }

  /** Takes ownership of a filled event: joins, holds or emits it. */
  public void accept(DnsEvent e) {
    if (maxTimestamp != Long.MIN_VALUE && e.timestampMicros < maxTimestamp - clockResetMicros) {
      // Capture time jumped back (files out of order, a host clock reset): nothing pending can
      // meet its response any more. Emit it and follow the new clock.
      counters.clockResets++;
      flush();
      maxTimestamp = e.timestampMicros;
    }
    if (e.timestampMicros > maxTimestamp) {
      maxTimestamp = e.timestampMicros;
    }
    expire(maxTimestamp - config.timeoutMicros);
    if (!e.message.isResponse()) {
      counters.queries++;
      hold(e);
      return;
    }
    counters.responses++;
    DnsEvent q = removeMatch(e);
    if (q != null) {
      counters.matched++;
      if (q.message.isZoneTransfer()) {
        openTransfer(q, e);
        return;
      }
      q.responseMessages = 0;
      e.responseMessages = 1;
      emit(q, e);
      return;
    }
    Transfer t = findTransfer(e);
    if (t != null) {
      counters.xfrExtraMessages++;
      t.response.responseMessages++;
      t.lastSeenMicros = e.timestampMicros;
      recycle(e);
      return;
    }
    counters.unsolicited++;
    e.responseMessages = 1;
    emit(null, e);
  }

  /** Emits pending queries older than the timeout at capture time {@code nowMicros}. */
  public void advanceTo(long nowMicros) {
    if (nowMicros > maxTimestamp) {
      maxTimestamp = nowMicros;
    }
    expire(maxTimestamp - config.timeoutMicros);
  }

  /** Emits every pending query as unanswered and every open zone transfer (end of the stream). */
  public void flush() {
    expire(Long.MAX_VALUE);
    while (!transfers.isEmpty()) {
      closeTransfer(0);
    }
  }

  private void emit(DnsEvent q, DnsEvent r) {
    counters.rows++;
    sink.pair(q, r);
    if (!sinkKeepsEvents) {
      if (q != null) {
        recycle(q);
      }
      if (r != null) {
        recycle(r);
      }
    }
  }

  private void hold(DnsEvent q) {
    if (pendingCount >= config.maxPending) {
      evictOldest();
    }
    if (tail - head == ring.length) {
      makeRoom();
    }
    int h = keyHash(q.src, q.ipVersion == 6 ? 16 : 4, q.srcPort, q.message.id);
    q.keyHash = h;
    if (findPending(q.src, q.srcPort, q.message, h, q) != EMPTY) {
      counters.duplicateQueries++;
    }
    int slot = (int) (tail++ % ring.length);
    q.slot = slot;
    q.sequence = nextSequence++;
    ring[slot] = q;
    pendingCount++;
    if (pendingCount * 2 > table.length) {
      growTable();
    }
    insert(h, slot);
  }

  private void insert(int h, int slot) {
    int i = h & mask;
    while (table[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    table[i] = slot;
    hashes[i] = h;
  }

  /**
   * The ring is full of pending queries and holes: squeeze the holes out, into a ring twice as
   * large when more than a quarter of it is pending (so that a squeeze frees at least three
   * quarters and they stay rare). Slots change, so the table is rebuilt.
   */
  private void makeRoom() {
    int length = pendingCount * 4 > ring.length ? ring.length * 2 : ring.length;
    DnsEvent[] compact = new DnsEvent[length];
    int n = 0;
    for (long pos = head; pos < tail; pos++) {
      DnsEvent q = ring[(int) (pos % ring.length)];
      if (q != null) {
        q.slot = n;
        compact[n++] = q;
      }
    }
    ring = compact;
    head = 0;
    tail = n;
    Arrays.fill(table, EMPTY);
    for (int k = 0; k < n; k++) {
      insert(compact[k].keyHash, k);
    }
  }

  /** The table index of the oldest pending query matching the client, id and name, or EMPTY. */
  private int findPending(byte[] client, int port, DnsMessage m, int h, DnsEvent exclude) {
    int best = EMPTY;
    long bestSequence = Long.MAX_VALUE;
    for (int i = h & mask; table[i] != EMPTY; i = (i + 1) & mask) {
      if (hashes[i] != h) {
        continue;
      }
      DnsEvent q = ring[table[i]];
      if (q == exclude
          || q.srcPort != port
          || q.message.id != m.id
          || !sameAddress(q.src, client, q.addressLength())) {
        continue;
      }
      if (q.message.hasQuestion && m.hasQuestion && !q.message.qname.contentEquals(m.qname)) {
        continue;
      }
      if (q.sequence < bestSequence) {
        best = i;
        bestSequence = q.sequence;
      }
    }
    return best;
  }

  private DnsEvent removeMatch(DnsEvent r) {
    if (r.ipVersion == 0) {
      return null;
    }
    int h = keyHash(r.dst, r.ipVersion == 6 ? 16 : 4, r.dstPort, r.message.id);
    int i = findPending(r.dst, r.dstPort, r.message, h, null);
    if (i == EMPTY) {
      return null;
    }
    DnsEvent q = ring[table[i]];
    deleteAt(i);
    ring[q.slot] = null;
    pendingCount--;
    return q;
  }

  private void expire(long deadline) {
    while (head < tail) {
      int slot = (int) (head % ring.length);
      DnsEvent q = ring[slot];
      if (q == null) {
        head++;
        continue;
      }
      if (q.timestampMicros > deadline) {
        break;
      }
      release(q);
      head++;
      counters.unanswered++;
      emit(q, null);
    }
    for (int i = 0; i < transfers.size(); ) {
      if (transfers.get(i).lastSeenMicros <= deadline) {
        closeTransfer(i);
      } else {
        i++;
      }
    }
  }

  private void evictOldest() {
    while (head < tail) {
      int slot = (int) (head % ring.length);
      DnsEvent q = ring[slot];
      head++;
      if (q != null) {
        release(q);
        counters.evicted++;
        counters.unanswered++;
        emit(q, null);
        return;
      }
    }
  }

  /** Takes a pending query out of the table and the ring. */
  private void release(DnsEvent q) {
    for (int i = q.keyHash & mask; table[i] != EMPTY; i = (i + 1) & mask) {
      if (table[i] == q.slot) {
        deleteAt(i);
        break;
      }
    }
    ring[q.slot] = null;
    pendingCount--;
  }

  private void allocateTable(int size) {
    table = new int[size];
    hashes = new int[size];
    mask = size - 1;
    Arrays.fill(table, EMPTY);
  }

  /** Doubles the table and re-inserts what it holds. */
  private void growTable() {
    int[] oldTable = table;
    int[] oldHashes = hashes;
    allocateTable(table.length * 2);
    for (int k = 0; k < oldTable.length; k++) {
      if (oldTable[k] != EMPTY) {
        insert(oldHashes[k], oldTable[k]);
      }
    }
  }

  /** Linear-probing deletion by backward shift: no tombstones. */
  private void deleteAt(int i) {
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      int slot = table[j];
      if (slot == EMPTY) {
        break;
      }
      int home = hashes[j] & mask;
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        table[i] = slot;
        hashes[i] = hashes[j];
        i = j;
      }
    }
    table[i] = EMPTY;
  }

  private void openTransfer(DnsEvent q, DnsEvent r) {
    if (transfers.size() >= MAX_OPEN_TRANSFERS) {
      closeTransfer(0);
    }
    r.responseMessages = 1;
    transfers.add(new Transfer(q, r));
  }

  private Transfer findTransfer(DnsEvent r) {
    for (Transfer t : transfers) {
      DnsEvent q = t.query;
      if (q.message.id == r.message.id
          && q.srcPort == r.dstPort
          && q.ipVersion == r.ipVersion
          && sameAddress(q.src, r.dst, q.addressLength())) {
        return t;
      }
    }
    return null;
  }

  private void closeTransfer(int i) {
    Transfer t = transfers.remove(i);
    emit(t.query, t.response);
  }

  private static boolean sameAddress(byte[] a, byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  static int keyHash(byte[] address, int n, int port, int id) {
    int h = 0x9E3779B9;
    for (int i = 0; i < n; i++) {
      h = (h ^ address[i]) * 0x01000193;
    }
    h ^= port * 0x85EBCA6B;
    h ^= id * 0xC2B2AE35;
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    return h ^ (h >>> 13);
  }

  /** Pending queries in arrival order (for checkpoints). */
  List<DnsEvent> pendingInOrder() {
    List<DnsEvent> out = new ArrayList<>(pendingCount);
    for (long s = head; s < tail; s++) {
      DnsEvent q = ring[(int) (s % ring.length)];
      if (q != null) {
        out.add(q);
      }
    }
    return out;
  }

  /** Open zone transfers as (query, response) pairs (for checkpoints). */
  List<DnsEvent[]> openTransfers() {
    List<DnsEvent[]> out = new ArrayList<>(transfers.size());
    for (Transfer t : transfers) {
      out.add(new DnsEvent[] {t.query, t.response});
    }
    return out;
  }

  /** Restores state written by {@link JoinCheckpoint}: the clock, pending queries, transfers. */
  void restore(long clock, List<DnsEvent> pendingQueries, List<DnsEvent[]> openTransfers) {
    maxTimestamp = Math.max(maxTimestamp, clock);
    for (DnsEvent q : pendingQueries) {
      hold(q);
    }
    for (DnsEvent[] t : openTransfers) {
      Transfer tr = new Transfer(t[0], t[1]);
      transfers.add(tr);
    }
  }
}
