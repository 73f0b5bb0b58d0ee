-- Generated from dns_query.avsc by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.
-- One-time (and after partitions were added or removed outside the compaction job):
-- impala-shell -f 04-recover-partitions.sql --var=db=dns
ALTER TABLE ${var:db}.queries_staging RECOVER PARTITIONS;
ALTER TABLE ${var:db}.queries RECOVER PARTITIONS;
INVALIDATE METADATA ${var:db}.queries;
COMPUTE INCREMENTAL STATS ${var:db}.queries;
