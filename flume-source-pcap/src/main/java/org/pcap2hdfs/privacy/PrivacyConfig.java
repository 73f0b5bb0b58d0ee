package org.pcap2hdfs.privacy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.config.Settings;

/**
 * What may be kept of client addresses (src and the edns_client_subnet address): the keys, shared
 * by the Flume source and {@code decode}, their validation, and per-stream maskers.
 */
public final class PrivacyConfig {
  private static final ConfigKey.Registry KEYS = new ConfigKey.Registry();

  /** Prefix of the enrichment keys the source runs on full addresses. */
  public static final String ENRICH_PREFIX = "privacy.enrich.";

  public static final ConfigKey MODE =
      KEYS.add(
          "privacy.mode",
          "keep",
          "Client addresses (src and the address of edns_client_subnet): keep as captured; truncate to privacy.ipv4Prefix / privacy.ipv6Prefix bits; pseudonym: a prefix-preserving Crypto-PAn pseudonym keyed by privacy.keyFile. Applied in the source, before a row leaves it.");
  public static final ConfigKey IPV4_PREFIX =
      KEYS.add("privacy.ipv4Prefix", "24", "Bits of an IPv4 client address truncate keeps (0-32).");
  public static final ConfigKey IPV6_PREFIX =
      KEYS.add(
          "privacy.ipv6Prefix", "48", "Bits of an IPv6 client address truncate keeps (0-128).");
  public static final ConfigKey KEY_FILE =
      KEYS.add(
          "privacy.keyFile",
          null,
          "File holding the 32-byte pseudonym key (raw, or 64 hex digits: openssl rand -hex 32); must not be readable by every user. Required for pseudonym; the same key gives the same pseudonyms on every agent.");
  public static final ConfigKey CACHE_SIZE =
      KEYS.add(
          "privacy.cacheSize",
          "65536",
          "Pseudonyms cached per server stream and address family (a new address costs 32 or 128 AES blocks).");
  public static final ConfigKey ENRICH_FULL_ADDRESS =
      KEYS.add(
          "privacy.enrichFullAddress",
          "false",
          "true: run enrichment in the source on the full address before it is masked, with the combined enrichment interceptor's keys under privacy.enrich. (e.g. privacy.enrich.geoip.locationDatabase); drop those stages from the interceptors.");
  public static final ConfigKey ENRICH_STAGES =
      KEYS.add(
          "privacy.enrich.stages",
          "geoip",
          "Stages run on the full address when privacy.enrichFullAddress is true: geoip, resolver, customer.");

  public final PrivacyMode mode;
  public final int ipv4Prefix;
  public final int ipv6Prefix;
  public final int cacheSize;
  private final byte[] key;
  private final FullAddressEnrichment.Factory enrichment;

  private PrivacyConfig(
      PrivacyMode mode,
      int ipv4Prefix,
      int ipv6Prefix,
      int cacheSize,
      byte[] key,
      FullAddressEnrichment.Factory enrichment) {
    this.mode = mode;
    this.ipv4Prefix = ipv4Prefix;
    this.ipv6Prefix = ipv6Prefix;
    this.cacheSize = cacheSize;
    this.key = key;
    this.enrichment = enrichment;
  }

  public static List<ConfigKey> keys() {
    return KEYS.keys();
  }

  /** Addresses as captured, no enrichment in the source. */
  public static PrivacyConfig keep() {
    return new PrivacyConfig(PrivacyMode.KEEP, 24, 48, 0, null, null);
  }

  /**
   * Reads and validates the privacy keys of a component's settings (other keys are ignored); reads
   * the key file and checks the enrichment settings.
   *
   * @throws ConfigException naming the key of the first invalid setting
   */
  public static PrivacyConfig from(Map<String, String> parameters) {
    Settings s = new Settings(parameters);
    PrivacyMode mode = PrivacyMode.parse(s.choice(MODE, PrivacyMode.names()));
    int v4 = s.intValue(IPV4_PREFIX, 0, 32);
    int v6 = s.intValue(IPV6_PREFIX, 0, 128);
    int cache = s.intValue(CACHE_SIZE, 0, 1 << 24);
    byte[] key = null;
    String keyFile = s.string(KEY_FILE);
    if (mode == PrivacyMode.PSEUDONYM) {
      if (keyFile == null) {
        throw new ConfigException(KEY_FILE, "is required when " + MODE + " is pseudonym");
      }
      try {
        key = PseudonymKey.read(Path.of(keyFile));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(KEY_FILE, e.getMessage());
      }
    }
    FullAddressEnrichment.Factory enrichment = null;
    if (s.bool(ENRICH_FULL_ADDRESS)) {
      Map<String, String> sub = new HashMap<>();
      parameters.forEach(
          (k, v) -> {
            if (k.startsWith(ENRICH_PREFIX)) {
              sub.put(k.substring(ENRICH_PREFIX.length()), v);
            }
          });
      sub.putIfAbsent("stages", ENRICH_STAGES.defaultValue());
      enrichment = provider().configure(sub, ENRICH_PREFIX);
    }
    return new PrivacyConfig(mode, v4, v6, cache, key, enrichment);
  }

  private static FullAddressEnrichment provider() {
    Iterator<FullAddressEnrichment> found =
        ServiceLoader.load(
                FullAddressEnrichment.class, FullAddressEnrichment.class.getClassLoader())
            .iterator();
    if (!found.hasNext()) {
      throw new ConfigException(
          ENRICH_FULL_ADDRESS,
          "needs the pcap2hdfs interceptors (flume-interceptors jar) on the classpath");
    }
    return found.next();
  }

  /** Whether the source enriches on full addresses ({@link #openEnricher} gives the enricher). */
  public boolean enrichesFullAddress() {
    return enrichment != null;
  }

  /** Opens the full-address enricher, or returns null when there is none. */
  public FullAddressEnricher openEnricher(String name) {
    return enrichment == null ? null : enrichment.open(name);
  }

  /** A new masker for one stream's rows, or null when addresses are kept. */
  public ClientAddresses newClientAddresses() {
    switch (mode) {
      case TRUNCATE:
        return new ClientAddresses(new Truncation(ipv4Prefix, ipv6Prefix));
      case PSEUDONYM:
        return new ClientAddresses(new PseudonymMasker(new CryptoPan(key), cacheSize));
      default:
        return null;
    }
  }
}
