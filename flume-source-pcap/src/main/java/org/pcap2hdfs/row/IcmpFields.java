package org.pcap2hdfs.row;

/**
 * Positions of the ICMP message schema's fields in a {@link Row}, looked up by name in {@link
 * RowSchema#icmp()} when this class loads: a field the code uses but the schema lacks fails at
 * once.
 */
public final class IcmpFields {
  private static final RowSchema S = RowSchema.icmp();

  public static final int TIME = S.indexOf("time");
  public static final int TIME_US = S.indexOf("time_us");
  public static final int ICMP_TYPE = S.indexOf("icmp_type");
  public static final int ICMP_CODE = S.indexOf("icmp_code");
  public static final int ICMP_IP_MTU = S.indexOf("icmp_ip_mtu");
  public static final int IP_V = S.indexOf("ip_v");
  public static final int IP_TTL = S.indexOf("ip_ttl");
  public static final int IP_SRC = S.indexOf("ip_src");
  public static final int IP_DST = S.indexOf("ip_dst");
  public static final int IP_LEN = S.indexOf("ip_len");
  public static final int ORIG_IP_V = S.indexOf("orig_ip_v");
  public static final int ORIG_IP_TTL = S.indexOf("orig_ip_ttl");
  public static final int ORIG_IP_SRC = S.indexOf("orig_ip_src");
  public static final int ORIG_IP_DST = S.indexOf("orig_ip_dst");
  public static final int ORIG_IP_LEN = S.indexOf("orig_ip_len");
  public static final int ORIG_L4_PROT = S.indexOf("orig_l4_prot");
  public static final int ORIG_L4_SRCP = S.indexOf("orig_l4_srcp");
  public static final int ORIG_L4_DSTP = S.indexOf("orig_l4_dstp");
  public static final int ORIG_DNS_LEN = S.indexOf("orig_dns_len");
  public static final int ORIG_DNS_ID = S.indexOf("orig_dns_id");
  public static final int ORIG_DNS_QR = S.indexOf("orig_dns_qr");
  public static final int ORIG_DNS_OPCODE = S.indexOf("orig_dns_opcode");
  public static final int ORIG_DNS_RCODE = S.indexOf("orig_dns_rcode");
  public static final int ORIG_DNS_QDCOUNT = S.indexOf("orig_dns_qdcount");
  public static final int ORIG_DNS_QNAME = S.indexOf("orig_dns_qname");
  public static final int ORIG_DNS_DOMAINNAME = S.indexOf("orig_dns_domainname");
  public static final int ORIG_DNS_QTYPE = S.indexOf("orig_dns_qtype");
  public static final int ORIG_DNS_QCLASS = S.indexOf("orig_dns_qclass");
  public static final int ORIG_DNS_TRUNCATED = S.indexOf("orig_dns_truncated");
  public static final int SERVER_LOCATION = S.indexOf("server_location");
  public static final int PCAP_FILE = S.indexOf("pcap_file");
  public static final int EVENT_ID = S.indexOf("event_id");

  private IcmpFields() {}
}
