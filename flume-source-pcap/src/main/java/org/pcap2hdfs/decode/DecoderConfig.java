package org.pcap2hdfs.decode;

import java.util.List;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.privacy.PrivacyConfig;

/** Everything that shapes how one server's stream is decoded and joined, and its rows built. */
public final class DecoderConfig {
  public static final List<Integer> DEFAULT_DNS_PORTS = List.of(53);

  public final DnsPorts dnsPorts;
  public final JoinConfig join;
  public final ReassemblyLimits reassembly;
  public final PrivacyConfig privacy;

  /** Enrichment run on the full client address before privacy masks it, or null. */
  public final FullAddressEnricher enricher;

  public DecoderConfig(DnsPorts dnsPorts, JoinConfig join, ReassemblyLimits reassembly) {
    this(dnsPorts, join, reassembly, PrivacyConfig.keep(), null);
  }

  public DecoderConfig(
      DnsPorts dnsPorts,
      JoinConfig join,
      ReassemblyLimits reassembly,
      PrivacyConfig privacy,
      FullAddressEnricher enricher) {
    this.dnsPorts = dnsPorts;
    this.join = join;
    this.reassembly = reassembly;
    this.privacy = privacy;
    this.enricher = enricher;
  }

  /** The same with an opened full-address enricher. */
  public DecoderConfig withEnricher(FullAddressEnricher e) {
    return new DecoderConfig(dnsPorts, join, reassembly, privacy, e);
  }

  /** A row builder for one stream of this configuration. */
  RowBuilder rowBuilder(String server, String location) {
    return new RowBuilder(server, location, privacy.newClientAddresses(), enricher);
  }

  public static DecoderConfig defaults() {
    return new DecoderConfig(
        new DnsPorts(DEFAULT_DNS_PORTS), JoinConfig.defaults(), ReassemblyLimits.defaults());
  }
}
