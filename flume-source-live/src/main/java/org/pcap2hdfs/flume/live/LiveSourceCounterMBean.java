package org.pcap2hdfs.flume.live;

import org.pcap2hdfs.flume.PcapSourceCounterMBean;

/** The live source's counters in JMX and Flume's HTTP monitoring. */
public interface LiveSourceCounterMBean extends PcapSourceCounterMBean {
  long getCapturePackets();

  long getKernelDropped();

  long getInterfaceDropped();

  long getQueueDropped();

  long getInterfaceFailures();

  long getCaptureOpens();
}
