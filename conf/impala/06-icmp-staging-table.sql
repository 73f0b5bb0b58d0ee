-- Generated from icmp_message.avsc by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.
-- The Avro staged by Flume's HDFS sink; Impala reads it, never writes it.
-- impala-shell -f 06-icmp-staging-table.sql --var=db=dns --var=staging_dir=hdfs:///data/dns/staging-icmp --var=schema_url=hdfs:///data/dns/schema/icmp_message.avsc
CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}.icmp_staging (
  `time` BIGINT COMMENT 'Capture time of the ICMP packet in epoch milliseconds.',
  `time_us` BIGINT COMMENT 'Capture time of the ICMP packet in epoch microseconds.',
  `icmp_type` INT COMMENT 'ICMP type (ICMPv4, e.g. 3 destination unreachable, 11 time exceeded) or ICMPv6 type (e.g. 1 destination unreachable, 2 packet too big, 3 time exceeded), per ip_v.',
  `icmp_code` INT COMMENT 'ICMP code (e.g. 3 port unreachable for ICMPv4 type 3, 4 for ICMPv6 type 1).',
  `icmp_ip_mtu` INT COMMENT 'Next-hop MTU: of an ICMPv4 fragmentation-needed message (type 3 code 4) or an ICMPv6 packet-too-big message (type 2); null otherwise.',
  `ip_v` INT COMMENT 'IP version of the ICMP packet, 4 (ICMP) or 6 (ICMPv6).',
  `ip_ttl` INT COMMENT 'IPv4 TTL or IPv6 hop limit of the ICMP packet.',
  `ip_src` STRING COMMENT 'Source address of the ICMP packet (the host that reports), in its text form.',
  `ip_dst` STRING COMMENT 'Destination address of the ICMP packet, in its text form.',
  `ip_len` INT COMMENT 'Length of the ICMP message (ICMP header and body) on the wire.',
  `orig_ip_v` INT COMMENT 'IP version of the quoted (offending) packet; null when the message quotes none (echo, neighbour discovery) or the quote is too short.',
  `orig_ip_ttl` INT COMMENT 'TTL or hop limit of the quoted packet as the reporting host received it.',
  `orig_ip_src` STRING COMMENT 'Source address of the quoted packet.',
  `orig_ip_dst` STRING COMMENT 'Destination address of the quoted packet.',
  `orig_ip_len` INT COMMENT 'Total length of the quoted packet as its IP header states it (IPv4 total length; IPv6 40 + payload length).',
  `orig_l4_prot` INT COMMENT 'Transport protocol of the quoted packet (17 UDP, 6 TCP, ...).',
  `orig_l4_srcp` INT COMMENT 'Source port of the quoted UDP or TCP header.',
  `orig_l4_dstp` INT COMMENT 'Destination port of the quoted UDP or TCP header.',
  `orig_dns_len` INT COMMENT 'DNS message length the quoted UDP header states (UDP length - 8); null when the quote is not UDP to or from a DNS port.',
  `orig_dns_id` INT COMMENT 'DNS message id of the quoted DNS message; null when it is not UDP to or from a DNS port or its header is cut off.',
  `orig_dns_qr` BOOLEAN COMMENT 'QR bit of the quoted DNS message: true when the packet that bounced was a response.',
  `orig_dns_opcode` INT COMMENT 'Opcode of the quoted DNS message.',
  `orig_dns_rcode` INT COMMENT 'Rcode (header bits only) of the quoted DNS message.',
  `orig_dns_qdcount` INT COMMENT 'Question count of the quoted DNS message.',
  `orig_dns_qname` STRING COMMENT 'Question name of the quoted DNS message, printed as the dns table\'s qname; null when the question is cut off.',
  `orig_dns_domainname` STRING COMMENT 'Registered domain of orig_dns_qname per the Public Suffix List, as the dns table\'s domainname.',
  `orig_dns_qtype` INT COMMENT 'Question type of the quoted DNS message.',
  `orig_dns_qclass` INT COMMENT 'Question class of the quoted DNS message.',
  `orig_dns_truncated` BOOLEAN COMMENT 'True when the quote ends before the quoted DNS message does (the usual case: ICMP quotes only the start of the packet); null without a quoted DNS header.',
  `server_location` STRING COMMENT 'Anycast site of the name server (from the <server>_<location> folder, as in the dns table).',
  `pcap_file` STRING COMMENT 'Name of the capture file the packet came from.',
  `event_id` STRING COMMENT 'Hex of a 128-bit MurmurHash3 of (server, location, capture file name, index of the ICMP packet among the file\'s ICMP packets, with the top bit set so that no ICMP row shares a DNS row\'s id): the compaction\'s duplicate key.'
)
PARTITIONED BY (`year` INT, `month` INT, `day` INT, `server` STRING)
STORED AS AVRO
LOCATION '${var:staging_dir}'
TBLPROPERTIES ('avro.schema.url' = '${var:schema_url}');
