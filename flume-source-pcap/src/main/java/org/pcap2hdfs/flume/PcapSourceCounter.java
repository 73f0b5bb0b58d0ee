package org.pcap2hdfs.flume;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.flume.instrumentation.SourceCounter;
import org.pcap2hdfs.metrics.DecodeCounters;

/**
 * Flume's source counters plus the decoder's, under dotted names. Workers report their streams'
 * {@link DecodeCounters} as deltas; pending queries is a gauge summed over servers.
 */
public class PcapSourceCounter extends SourceCounter implements PcapSourceCounterMBean {
  static final String FILES_DONE = "src.files.done";
  static final String FILES_FAILED = "src.files.failed";
  static final String PACKETS = "src.packets";
  static final String DNS_MESSAGES = "src.dns.messages";
  static final String ROWS = "src.rows";
  static final String ROWS_ACCEPTED = "src.rows.accepted";
  static final String ROWS_MATCHED = "src.rows.matched";
  static final String ROWS_UNANSWERED = "src.rows.unanswered";
  static final String ROWS_UNSOLICITED = "src.rows.unsolicited";
  static final String ROWS_EVICTED = "src.rows.evicted";
  static final String DNS_MALFORMED = "src.dns.malformed";
  static final String FRAGMENTS_REASSEMBLED = "src.fragments.reassembled";
  static final String TCP_MESSAGES = "src.tcp.messages";
  static final String TCP_GAPS = "src.tcp.gaps";
  static final String TCP_BYTES_SKIPPED = "src.tcp.bytes.skipped";
  static final String CAPTURE_FAULTS = "src.capture.faults";
  static final String PENDING_QUERIES = "src.queries.pending";
  static final String BYTES_READ = "src.bytes.read";
  static final String CHANNEL_BACKOFFS = "src.channel.backoffs";
  static final String ICMP_MESSAGES = "src.icmp.messages";
  static final String ICMP_ROWS = "src.icmp.rows";
  static final String ICMP_ROWS_ACCEPTED = "src.icmp.rows.accepted";
  static final String ICMP_QUOTING_DNS = "src.icmp.quoting.dns";
  static final String ICMP_MALFORMED = "src.icmp.malformed";

  private static final String[] ATTRIBUTES = {
    FILES_DONE,
    FILES_FAILED,
    PACKETS,
    DNS_MESSAGES,
    ROWS,
    ROWS_ACCEPTED,
    ROWS_MATCHED,
    ROWS_UNANSWERED,
    ROWS_UNSOLICITED,
    ROWS_EVICTED,
    DNS_MALFORMED,
    FRAGMENTS_REASSEMBLED,
    TCP_MESSAGES,
    TCP_GAPS,
    TCP_BYTES_SKIPPED,
    CAPTURE_FAULTS,
    PENDING_QUERIES,
    BYTES_READ,
    CHANNEL_BACKOFFS,
    ICMP_MESSAGES,
    ICMP_ROWS,
    ICMP_ROWS_ACCEPTED,
    ICMP_QUOTING_DNS,
    ICMP_MALFORMED
  };

  private final ConcurrentMap<String, Long> pendingByServer = new ConcurrentHashMap<>();

  public PcapSourceCounter(String name) {
    super(name, ATTRIBUTES);
  }

  /** For a source with counters of its own besides these (live capture). */
  protected PcapSourceCounter(String name, String... more) {
    super(name, concat(ATTRIBUTES, more));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Adds what a stream counted since {@code reported} (the caller then keeps a copy of now). */
  public void report(String server, DecodeCounters now, DecodeCounters reported) {
    addAndGet(PACKETS, now.packets - reported.packets);
    addAndGet(DNS_MESSAGES, now.dnsMessages - reported.dnsMessages);
    addAndGet(ROWS, now.rows - reported.rows);
    addAndGet(ROWS_MATCHED, now.matched - reported.matched);
    addAndGet(ROWS_UNANSWERED, now.unanswered - reported.unanswered);
    addAndGet(ROWS_UNSOLICITED, now.unsolicited - reported.unsolicited);
    addAndGet(ROWS_EVICTED, now.evicted - reported.evicted);
    addAndGet(DNS_MALFORMED, now.malformed - reported.malformed);
    addAndGet(FRAGMENTS_REASSEMBLED, now.fragmentsReassembled - reported.fragmentsReassembled);
    addAndGet(TCP_MESSAGES, now.tcpMessages - reported.tcpMessages);
    addAndGet(TCP_GAPS, now.tcpGaps - reported.tcpGaps);
    addAndGet(TCP_BYTES_SKIPPED, now.tcpBytesSkipped - reported.tcpBytesSkipped);
    addAndGet(CAPTURE_FAULTS, now.captureFaults - reported.captureFaults);
    addAndGet(BYTES_READ, now.bytesRead - reported.bytesRead);
    addAndGet(ICMP_MESSAGES, now.icmpMessages - reported.icmpMessages);
    addAndGet(ICMP_ROWS, now.icmpRows - reported.icmpRows);
    addAndGet(ICMP_QUOTING_DNS, now.icmpQuotingDns - reported.icmpQuotingDns);
    addAndGet(ICMP_MALFORMED, now.icmpMalformed - reported.icmpMalformed);
    pendingByServer.put(server, now.pendingQueries);
    set(PENDING_QUERIES, pendingByServer.values().stream().mapToLong(Long::longValue).sum());
  }

  void fileDone() {
    increment(FILES_DONE);
  }

  void fileFailed() {
    increment(FILES_FAILED);
  }

  void rowsAccepted(long n) {
    addAndGet(ROWS_ACCEPTED, n);
  }

  void icmpRowsAccepted(long n) {
    addAndGet(ICMP_ROWS_ACCEPTED, n);
  }

  void channelBackoff() {
    increment(CHANNEL_BACKOFFS);
  }

  @Override
  public long getFilesDone() {
    return get(FILES_DONE);
  }

  @Override
  public long getFilesFailed() {
    return get(FILES_FAILED);
  }

  @Override
  public long getPackets() {
    return get(PACKETS);
  }

  @Override
  public long getDnsMessages() {
    return get(DNS_MESSAGES);
  }

  @Override
  public long getRows() {
    return get(ROWS);
  }

  @Override
  public long getRowsAccepted() {
    return get(ROWS_ACCEPTED);
  }

  @Override
  public long getRowsMatched() {
    return get(ROWS_MATCHED);
  }

  @Override
  public long getRowsUnanswered() {
    return get(ROWS_UNANSWERED);
  }

  @Override
  public long getRowsUnsolicited() {
    return get(ROWS_UNSOLICITED);
  }

  @Override
  public long getRowsEvicted() {
    return get(ROWS_EVICTED);
  }

  @Override
  public long getDnsMalformed() {
    return get(DNS_MALFORMED);
  }

  @Override
  public long getFragmentsReassembled() {
    return get(FRAGMENTS_REASSEMBLED);
  }

  @Override
  public long getTcpMessages() {
    return get(TCP_MESSAGES);
  }

  @Override
  public long getTcpGaps() {
    return get(TCP_GAPS);
  }

  @Override
  public long getTcpBytesSkipped() {
    return get(TCP_BYTES_SKIPPED);
  }

  @Override
  public long getCaptureFaults() {
    return get(CAPTURE_FAULTS);
  }

  @Override
  public long getPendingQueries() {
    return get(PENDING_QUERIES);
  }

  @Override
  public long getBytesRead() {
    return get(BYTES_READ);
  }

  @Override
  public long getChannelBackoffs() {
    return get(CHANNEL_BACKOFFS);
  }

  @Override
  public long getIcmpMessages() {
    return get(ICMP_MESSAGES);
  }

  @Override
  public long getIcmpRows() {
    return get(ICMP_ROWS);
  }

  @Override
  public long getIcmpRowsAccepted() {
    return get(ICMP_ROWS_ACCEPTED);
  }

  @Override
  public long getIcmpQuotingDns() {
    return get(ICMP_QUOTING_DNS);
  }

  @Override
  public long getIcmpMalformed() {
    return get(ICMP_MALFORMED);
  }
}
