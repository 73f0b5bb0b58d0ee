package org.pcap2hdfs.decode;

import java.util.List;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;

/** Everything that shapes how one server's stream is decoded and joined. */
public final class DecoderConfig {
  public static final List<Integer> DEFAULT_DNS_PORTS = List.of(53);

  public final DnsPorts dnsPorts;
  public final JoinConfig join;
  public final ReassemblyLimits reassembly;

  public DecoderConfig(DnsPorts dnsPorts, JoinConfig join, ReassemblyLimits reassembly) {
    this.dnsPorts = dnsPorts;
    this.join = join;
    this.reassembly = reassembly;
  }

  public static DecoderConfig defaults() {
    return new DecoderConfig(
        new DnsPorts(DEFAULT_DNS_PORTS), JoinConfig.defaults(), ReassemblyLimits.defaults());
  }
}
