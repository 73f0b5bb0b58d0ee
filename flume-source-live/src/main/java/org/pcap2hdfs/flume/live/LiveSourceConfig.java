package org.pcap2hdfs.flume.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.config.Settings;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.flume.PcapSourceConfig;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;

/**
 * The live capture source's settings. The decoding, join and delivery keys are the spooling
 * source's ({@link PcapSourceConfig}), with the same names, defaults and meaning.
 */
public final class LiveSourceConfig {
  private static final ConfigKey.Registry KEYS = new ConfigKey.Registry();

  public static final ConfigKey INTERFACE =
      KEYS.add(
          "interface", null, "Network interface to capture on (e.g. eth0), or any (required).");
  public static final ConfigKey FILTER =
      KEYS.add(
          "filter",
          "port 53 or (ip[6:2] & 0x1fff != 0) or (ip6 and ip6[6] = 44)",
          "BPF filter (tcpdump syntax) compiled into the kernel: DNS on port 53 over UDP and TCP, and IP fragments (whose later pieces carry no ports). Follow dnsPorts when you change it.");
  public static final ConfigKey SNAPLEN =
      KEYS.add(
          "snaplen", "65535", "Bytes kept of each packet; longer packets are cut (truncated).");
  public static final ConfigKey BUFFER_SIZE =
      KEYS.add(
          "bufferSize",
          "33554432",
          "Kernel capture buffer in bytes; packets that arrive while it is full are dropped by the kernel (src.capture.kernel.dropped).");
  public static final ConfigKey PROMISCUOUS =
      KEYS.add(
          "promiscuous",
          "false",
          "true: put the interface in promiscuous mode (traffic to other hosts, e.g. from a mirror port).");
  public static final ConfigKey READ_TIMEOUT_MS =
      KEYS.add(
          "readTimeoutMs",
          "100",
          "How long libpcap lets the kernel gather packets before handing them over.");
  public static final ConfigKey QUEUE_CAPACITY =
      KEYS.add(
          "queueCapacity",
          "100000",
          "Packets the capture thread may queue for the decoding thread; beyond it packets are dropped (src.capture.queue.dropped).");
  public static final ConfigKey SERVER =
      KEYS.add(
          "server", null, "The name server whose traffic this is: the rows' server (required).");
  public static final ConfigKey LOCATION =
      KEYS.add("location", "unknown", "The rows' server_location (e.g. the anycast site).");
  public static final ConfigKey RETRY_MIN_MS =
      KEYS.add(
          "retryMinMs",
          "1000",
          "First wait before reopening an interface that failed or disappeared; doubled per failure.");
  public static final ConfigKey RETRY_MAX_MS =
      KEYS.add("retryMaxMs", "60000", "Longest wait between attempts to reopen the interface.");
  public static final ConfigKey SCHEMA_DIR =
      KEYS.add(
          "schemaDir",
          "/var/tmp/pcap2hdfs-live",
          "Where the schema file is written for the file:// schema URL when schemaUrl is unset.");
  public static final ConfigKey DNS_PORTS = KEYS.add(PcapSourceConfig.DNS_PORTS);
  public static final ConfigKey JOIN_TIMEOUT_MS = KEYS.add(PcapSourceConfig.JOIN_TIMEOUT_MS);
  public static final ConfigKey MAX_PENDING = KEYS.add(PcapSourceConfig.MAX_PENDING);
  public static final ConfigKey BATCH_SIZE = KEYS.add(PcapSourceConfig.BATCH_SIZE);
  public static final ConfigKey ROWS_PER_EVENT = KEYS.add(PcapSourceConfig.ROWS_PER_EVENT);
  public static final ConfigKey MAX_EVENT_BYTES = KEYS.add(PcapSourceConfig.MAX_EVENT_BYTES);
  public static final ConfigKey MAX_BACKOFF = KEYS.add(PcapSourceConfig.MAX_BACKOFF);
  public static final ConfigKey SCHEMA_URL = KEYS.add(PcapSourceConfig.SCHEMA_URL);
  public static final ConfigKey SCHEMA_LITERAL = KEYS.add(PcapSourceConfig.SCHEMA_LITERAL);

  final String interfaceName;
  final String filter;
  final int snaplen;
  final int bufferSize;
  final boolean promiscuous;
  final int readTimeoutMillis;
  final int queueCapacity;
  final String server;
  final String location;
  final long retryMinMillis;
  final long retryMaxMillis;
  final Path schemaDir;
  final DecoderConfig decoder;
  final int batchSize;
  final int rowsPerEvent;
  final int maxEventBytes;
  final long maxBackoffMillis;
  final String schemaUrl;
  final boolean schemaLiteral;

  public static List<ConfigKey> keys() {
    return KEYS.keys();
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigException naming the key of the first invalid setting
   */
  public LiveSourceConfig(Map<String, String> parameters) {
    Settings s = new Settings(parameters);
    interfaceName = s.required(INTERFACE);
    filter = s.string(FILTER);
    snaplen = s.intValue(SNAPLEN, 64, 262_144);
    bufferSize = s.intValue(BUFFER_SIZE, 65_536, Integer.MAX_VALUE);
    promiscuous = s.bool(PROMISCUOUS);
    readTimeoutMillis = s.intValue(READ_TIMEOUT_MS, 1, 10_000);
    queueCapacity = s.intValue(QUEUE_CAPACITY, 1, 10_000_000);
    server = s.required(SERVER);
    location = s.required(LOCATION);
    retryMinMillis = s.longValue(RETRY_MIN_MS, 1, 3_600_000);
    retryMaxMillis = s.longValue(RETRY_MAX_MS, retryMinMillis, 3_600_000);
    schemaUrl = s.string(SCHEMA_URL);
    schemaLiteral = s.bool(SCHEMA_LITERAL);
    schemaDir = Path.of(s.required(SCHEMA_DIR)).toAbsolutePath().normalize();
    if (schemaUrl == null && !schemaLiteral) {
      try {
        Files.createDirectories(schemaDir);
      } catch (IOException e) {
        throw new ConfigException(SCHEMA_DIR, "cannot be created: " + e.getMessage());
      }
    }
    List<Integer> portList = s.ports(DNS_PORTS); // names the key itself
    DnsPorts ports;
    try {
      ports = new DnsPorts(portList);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DNS_PORTS, e.getMessage());
    }
    long timeoutMillis = s.longValue(JOIN_TIMEOUT_MS, 1, 3_600_000);
    int maxPending = s.intValue(MAX_PENDING, 1, 50_000_000);
    decoder =
        new DecoderConfig(
            ports, new JoinConfig(timeoutMillis * 1000, maxPending), ReassemblyLimits.defaults());
    batchSize = s.intValue(BATCH_SIZE, 1, 1_000_000);
    rowsPerEvent = s.intValue(ROWS_PER_EVENT, 1, 1_000_000);
    maxEventBytes = s.intValue(MAX_EVENT_BYTES, 1024, Integer.MAX_VALUE / 2);
    maxBackoffMillis = s.longValue(MAX_BACKOFF, 1, 3_600_000);
  }
}
