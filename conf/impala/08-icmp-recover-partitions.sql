-- Generated from icmp_message.avsc by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.
-- One-time (and after partitions were added or removed outside the compaction job):
-- impala-shell -f 08-icmp-recover-partitions.sql --var=db=dns
ALTER TABLE ${var:db}.icmp_staging RECOVER PARTITIONS;
ALTER TABLE ${var:db}.icmp RECOVER PARTITIONS;
INVALIDATE METADATA ${var:db}.icmp;
COMPUTE INCREMENTAL STATS ${var:db}.icmp;
