package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every ENTRADA column (from its published schema) is in ours with the same name and a type Impala
 * reads the same way; the partition columns are not (they live in paths).
 */
class EntradaColumnsTest {
  private static final Map<String, Schema.Type> ENTRADA = new LinkedHashMap<>();

  static {
    String ints =
        "id frag ttl ipv prot srcp dstp ancount arcount nscount qdcount opcode rcode qtype qclass"
            + " edns_udp edns_version labels resp_frag proc_time edns_padding edns_keytag_count"
            + " req_len res_len tcp_hs_rtt";
    String strings =
        "qname domainname src dst country asn asn_organisation edns_nsid edns_dnssec_dau"
            + " edns_dnssec_dhu edns_dnssec_n3u edns_client_subnet edns_other edns_client_subnet_asn"
            + " edns_client_subnet_country server_location pcap_file edns_keytag_list pub_resolver";
    String booleans = "aa tc rd ra z ad cd edns_do edns_ping q_tc q_ra q_ad req_ip_df res_ip_df";
    for (String n : ints.split(" ")) {
      ENTRADA.put(n, Schema.Type.INT);
    }
    for (String n : strings.split(" ")) {
      ENTRADA.put(n, Schema.Type.STRING);
    }
    for (String n : booleans.split(" ")) {
      ENTRADA.put(n, Schema.Type.BOOLEAN);
    }
    ENTRADA.put("time", Schema.Type.LONG);
  }

  @Test
  void entradaColumnsKeepTheirNamesAndTypes() {
    Schema schema = RowSchema.get().avro();
    for (Map.Entry<String, Schema.Type> e : ENTRADA.entrySet()) {
      Schema.Field f = schema.getField(e.getKey());
      assertThat(f).as(e.getKey()).isNotNull();
      Schema s = f.schema();
      Schema.Type t =
          s.getType() == Schema.Type.UNION ? s.getTypes().get(1).getType() : s.getType();
      assertThat(t).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void partitionColumnsAreNotFields() {
    Schema schema = RowSchema.get().avro();
    for (String partition : new String[] {"year", "month", "day", "server", "query_ts"}) {
      assertThat(schema.getField(partition)).as(partition).isNull();
    }
  }
}
