-- Generated from dns_query.avsc by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.
-- impala-shell -f 01-database.sql --var=db=dns
CREATE DATABASE IF NOT EXISTS ${var:db};
