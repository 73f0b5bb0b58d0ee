package org.pcap2hdfs.row;

/** Receives rows; the row is valid only during the call. */
public interface RowSink {
  void row(Row row) throws Exception;
}
