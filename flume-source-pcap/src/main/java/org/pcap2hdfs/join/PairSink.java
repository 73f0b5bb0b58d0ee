package org.pcap2hdfs.join;

/** Receives the joiner's output: one call per row. */
public interface PairSink {

  /**
   * A query with its response, a query without response ({@code response == null}) or a response
   * without query ({@code query == null}). The events are valid only during the call, unless the
   * joiner was built for a sink that keeps them (then they are the sink's until given back).
   */
  void pair(DnsEvent query, DnsEvent response);
}
