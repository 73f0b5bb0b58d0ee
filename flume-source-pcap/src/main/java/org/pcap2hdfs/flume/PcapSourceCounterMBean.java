package org.pcap2hdfs.flume;

import org.apache.flume.instrumentation.SourceCounterMBean;

/** The source's counters as JMX (and Flume HTTP monitoring) attributes. */
public interface PcapSourceCounterMBean extends SourceCounterMBean {
  long getFilesDone();

  long getFilesFailed();

  long getPackets();

  long getDnsMessages();

  long getRows();

  /** Rows in the events the channel committed (Flume's event counters count events: blocks). */
  long getRowsAccepted();

  long getRowsMatched();

  long getRowsUnanswered();

  long getRowsUnsolicited();

  long getRowsEvicted();

  long getDnsMalformed();

  long getFragmentsReassembled();

  long getTcpMessages();

  long getTcpGaps();

  long getTcpBytesSkipped();

  long getCaptureFaults();

  long getPendingQueries();

  long getBytesRead();

  long getChannelBackoffs();

  /** ICMP and ICMPv6 messages seen (with {@code icmp = true}). */
  long getIcmpMessages();

  long getIcmpRows();

  /** ICMP rows in the events the channel committed. */
  long getIcmpRowsAccepted();

  /** ICMP rows whose quote holds a DNS header. */
  long getIcmpQuotingDns();

  /** ICMP messages shorter than their header (no row). */
  long getIcmpMalformed();
}
