package org.pcap2hdfs.row;

/**
 * Positions of the schema's fields in a {@link Row}, looked up by name in {@link RowSchema} when
 * this class loads: a field the code uses but the schema lacks fails at once.
 */
public final class Fields {
  private static final RowSchema S = RowSchema.get();

  public static final int ID = S.indexOf("id");
  public static final int TIME = S.indexOf("time");
  public static final int QNAME = S.indexOf("qname");
  public static final int DOMAINNAME = S.indexOf("domainname");
  public static final int FRAG = S.indexOf("frag");
  public static final int TTL = S.indexOf("ttl");
  public static final int IPV = S.indexOf("ipv");
  public static final int PROT = S.indexOf("prot");
  public static final int SRC = S.indexOf("src");
  public static final int SRCP = S.indexOf("srcp");
  public static final int DST = S.indexOf("dst");
  public static final int DSTP = S.indexOf("dstp");
  public static final int AA = S.indexOf("aa");
  public static final int TC = S.indexOf("tc");
  public static final int RD = S.indexOf("rd");
  public static final int RA = S.indexOf("ra");
  public static final int Z = S.indexOf("z");
  public static final int AD = S.indexOf("ad");
  public static final int CD = S.indexOf("cd");
  public static final int ANCOUNT = S.indexOf("ancount");
  public static final int ARCOUNT = S.indexOf("arcount");
  public static final int NSCOUNT = S.indexOf("nscount");
  public static final int QDCOUNT = S.indexOf("qdcount");
  public static final int OPCODE = S.indexOf("opcode");
  public static final int RCODE = S.indexOf("rcode");
  public static final int QTYPE = S.indexOf("qtype");
  public static final int QCLASS = S.indexOf("qclass");
  public static final int COUNTRY = S.indexOf("country");
  public static final int ASN = S.indexOf("asn");
  public static final int ASN_ORGANISATION = S.indexOf("asn_organisation");
  public static final int EDNS_UDP = S.indexOf("edns_udp");
  public static final int EDNS_VERSION = S.indexOf("edns_version");
  public static final int EDNS_DO = S.indexOf("edns_do");
  public static final int EDNS_PING = S.indexOf("edns_ping");
  public static final int EDNS_NSID = S.indexOf("edns_nsid");
  public static final int EDNS_DNSSEC_DAU = S.indexOf("edns_dnssec_dau");
  public static final int EDNS_DNSSEC_DHU = S.indexOf("edns_dnssec_dhu");
  public static final int EDNS_DNSSEC_N3U = S.indexOf("edns_dnssec_n3u");
  public static final int EDNS_CLIENT_SUBNET = S.indexOf("edns_client_subnet");
  public static final int EDNS_OTHER = S.indexOf("edns_other");
  public static final int EDNS_CLIENT_SUBNET_ASN = S.indexOf("edns_client_subnet_asn");
  public static final int EDNS_CLIENT_SUBNET_COUNTRY = S.indexOf("edns_client_subnet_country");
  public static final int LABELS = S.indexOf("labels");
  public static final int RESP_FRAG = S.indexOf("resp_frag");
  public static final int PROC_TIME = S.indexOf("proc_time");
  public static final int SERVER_LOCATION = S.indexOf("server_location");
  public static final int EDNS_PADDING = S.indexOf("edns_padding");
  public static final int PCAP_FILE = S.indexOf("pcap_file");
  public static final int EDNS_KEYTAG_COUNT = S.indexOf("edns_keytag_count");
  public static final int EDNS_KEYTAG_LIST = S.indexOf("edns_keytag_list");
  public static final int Q_TC = S.indexOf("q_tc");
  public static final int Q_RA = S.indexOf("q_ra");
  public static final int Q_AD = S.indexOf("q_ad");
  public static final int PUB_RESOLVER = S.indexOf("pub_resolver");
  public static final int REQ_LEN = S.indexOf("req_len");
  public static final int RES_LEN = S.indexOf("res_len");
  public static final int TCP_HS_RTT = S.indexOf("tcp_hs_rtt");
  public static final int REQ_IP_DF = S.indexOf("req_ip_df");
  public static final int RES_IP_DF = S.indexOf("res_ip_df");
  public static final int EVENT_ID = S.indexOf("event_id");
  public static final int TIME_US = S.indexOf("time_us");
  public static final int RES_TIME_US = S.indexOf("res_time_us");
  public static final int PROC_TIME_US = S.indexOf("proc_time_us");
  public static final int Q_AA = S.indexOf("q_aa");
  public static final int Q_RD = S.indexOf("q_rd");
  public static final int Q_Z = S.indexOf("q_z");
  public static final int Q_CD = S.indexOf("q_cd");
  public static final int Q_QDCOUNT = S.indexOf("q_qdcount");
  public static final int Q_ANCOUNT = S.indexOf("q_ancount");
  public static final int Q_NSCOUNT = S.indexOf("q_nscount");
  public static final int Q_ARCOUNT = S.indexOf("q_arcount");
  public static final int TLD = S.indexOf("tld");
  public static final int PUBLIC_SUFFIX = S.indexOf("public_suffix");
  public static final int EDNS_OPTIONS = S.indexOf("edns_options");
  public static final int EDNS_COOKIE = S.indexOf("edns_cookie");
  public static final int EDNS_EDE = S.indexOf("edns_ede");
  public static final int RES_EDNS_UDP = S.indexOf("res_edns_udp");
  public static final int RES_ANSWER_TTL = S.indexOf("res_answer_ttl");
  public static final int RES_MESSAGES = S.indexOf("res_messages");
  public static final int MALFORMED = S.indexOf("malformed");
  public static final int CITY = S.indexOf("city");
  public static final int LATITUDE = S.indexOf("latitude");
  public static final int LONGITUDE = S.indexOf("longitude");
  public static final int CUSTOMER_ID = S.indexOf("customer_id");
  public static final int CUSTOMER_NAME = S.indexOf("customer_name");
  public static final int ZONE = S.indexOf("zone");

  private Fields() {}
}
