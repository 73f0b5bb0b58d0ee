package org.pcap2hdfs.cli.synth;

/**
 * What the generator wrote, counted as it wrote it: the figures a correct decoder must find. Every
 * query gives one row; every response answers a query of the same client, port and id.
 */
public final class GroundTruth {
  public long packets;
  public long bytes;
  public long firstTimestampMicros;
  public long lastTimestampMicros;

  public long queries;
  public long responses;

  /** Queries that never got a response. */
  public long unanswered;

  public long udpQueries;
  public long tcpQueries;
  public long tcpConnections;

  /** DNS messages carried over TCP (queries and responses). */
  public long tcpMessages;

  /** UDP responses sent in IP fragments; and the frames they took. */
  public long fragmentedDatagrams;

  public long fragmentFrames;
  public long fragmentedIpv6Datagrams;

  /** UDP responses with TC set (too big for the client's limit, or a rate-limit slip). */
  public long truncatedResponses;

  public long responsesWithoutQuestion;
  public long nxdomain;
  public long refused;
  public long ipv6Queries;
  public long ednsQueries;
  public long dnssecOkQueries;
  public long clientSubnetQueries;
  public long cookieQueries;
  public long distinctClients;

  public long durationMicros() {
    return packets == 0 ? 0 : lastTimestampMicros - firstTimestampMicros;
  }

  /**
   * The counters {@code decode} must report for this capture, in its summary-line format (keys of
   * {@link org.pcap2hdfs.metrics.DecodeCounters#summaryLine()}).
   */
  public String expectedSummary() {
    return "packets="
        + packets
        + " dns_messages="
        + (queries + responses)
        + " queries="
        + queries
        + " responses="
        + responses
        + " rows="
        + queries
        + " matched="
        + responses
        + " unanswered="
        + unanswered
        + " unsolicited=0 malformed=0 fragments_reassembled="
        + fragmentedDatagrams
        + " tcp_messages="
        + tcpMessages;
  }

  /** The rest of what was generated, for a reader who wants to know what the traffic holds. */
  public String trafficSummary() {
    return "bytes="
        + bytes
        + " duration_us="
        + durationMicros()
        + " udp_queries="
        + udpQueries
        + " tcp_queries="
        + tcpQueries
        + " tcp_connections="
        + tcpConnections
        + " fragment_frames="
        + fragmentFrames
        + " fragmented_ipv6="
        + fragmentedIpv6Datagrams
        + " truncated="
        + truncatedResponses
        + " no_question="
        + responsesWithoutQuestion
        + " nxdomain="
        + nxdomain
        + " refused="
        + refused
        + " ipv6_queries="
        + ipv6Queries
        + " edns="
        + ednsQueries
        + " do="
        + dnssecOkQueries
        + " ecs="
        + clientSubnetQueries
        + " cookies="
        + cookieQueries
        + " clients="
        + distinctClients;
  }
}
