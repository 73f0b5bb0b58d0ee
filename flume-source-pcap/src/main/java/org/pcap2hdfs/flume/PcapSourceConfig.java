package org.pcap2hdfs.flume;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.config.Settings;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;
import org.pcap2hdfs.privacy.PrivacyConfig;

/**
 * The spooling PCAP source's settings: the keys of Flume's Spooling Directory Source where they
 * mean the same, plus ours. Every key is declared once here, with its default and doc.
 */
public final class PcapSourceConfig {
  private static final ConfigKey.Registry KEYS = new ConfigKey.Registry();

  public static final ConfigKey SPOOL_DIR =
      KEYS.add(
          "spoolDir", null, "Directory holding a folder of capture files per server (required).");
  public static final ConfigKey FILE_SUFFIX =
      KEYS.add(
          "fileSuffix",
          ".COMPLETED",
          "Suffix appended to a file once all its events are in the channel.");
  public static final ConfigKey FAILED_SUFFIX =
      KEYS.add(
          "failedSuffix",
          ".FAILED",
          "Suffix appended to a file that is not a capture, breaks, or changes while read.");
  public static final ConfigKey FAILED_DIR =
      KEYS.add(
          "failedDir",
          null,
          "If set, failed files are moved into this directory (keeping their relative path) instead of renamed.");
  public static final ConfigKey DELETE_POLICY =
      KEYS.add(
          "deletePolicy",
          "never",
          "never: mark done files (rename or tracker); immediate: delete them once delivered.");
  public static final ConfigKey TRACKING_POLICY =
      KEYS.add(
          "trackingPolicy",
          "rename",
          "rename: append fileSuffix to done files; tracker_dir: leave them and record them in trackerDir.");
  public static final ConfigKey TRACKER_DIR =
      KEYS.add(
          "trackerDir",
          ".flumespool",
          "Where tracker_dir records done files; relative paths are under spoolDir.");
  public static final ConfigKey INCLUDE_PATTERN =
      KEYS.add("includePattern", "^.*$", "Regex a file name must match to be read.");
  public static final ConfigKey IGNORE_PATTERN =
      KEYS.add("ignorePattern", "^$", "Regex of file names to skip (wins over includePattern).");
  public static final ConfigKey CONSUME_ORDER =
      KEYS.add(
          "consumeOrder",
          "name",
          "Order of a server's files: name (tcpdump -G names sort by time) or oldest (modification time). Never random: join state flows from file to file.");
  public static final ConfigKey MIN_FILE_AGE_MS =
      KEYS.add(
          "minFileAgeMs",
          "5000",
          "A file is read only when unmodified for this long (a capture being written is left alone).");
  public static final ConfigKey POLL_DELAY =
      KEYS.add("pollDelay", "500", "Milliseconds between scans of the spool directory.");
  public static final ConfigKey BATCH_SIZE =
      KEYS.add(
          "batchSize",
          "1000",
          "Events per channel transaction (with row blocks: blocks, each of up to rowsPerEvent rows).");
  public static final ConfigKey ROWS_PER_EVENT =
      KEYS.add(
          "rowsPerEvent",
          "1",
          "Rows per Flume event. 1: the body is one Avro datum (for Flume's AvroEventSerializer); more: a row block (header pcap2hdfs.rows), which the HDFS sink must write with org.pcap2hdfs.staging.RowBlockSerializer$Builder. A block never holds rows of two capture files or of two 15-minute periods.");
  public static final ConfigKey MAX_EVENT_BYTES =
      KEYS.add(
          "maxEventBytes",
          "900000",
          "Largest body of a row block in bytes (under Kafka's 1 MB message limit); a block is cut before a row would pass it.");
  public static final ConfigKey MAX_BACKOFF =
      KEYS.add(
          "maxBackoff",
          "4000",
          "Longest wait in milliseconds before retrying a batch the channel refused.");
  public static final ConfigKey THREADS =
      KEYS.add(
          "threads",
          "2",
          "Worker threads; each decodes one server's files at a time, servers in parallel.");
  public static final ConfigKey STATE_DIR =
      KEYS.add(
          "stateDir",
          ".pcap2hdfs",
          "Directory of the per-server join checkpoints; relative paths are under spoolDir.");
  public static final ConfigKey SERVER_PATTERN =
      KEYS.add(
          "serverPattern",
          "^(?<server>[^/_]+)(_(?<location>[^/]+))?/[^/]+$",
          "Regex over a file's path relative to spoolDir with named groups server and (optional) location; the default reads <server>_<location>/<file>. Files that do not match are skipped with a warning.");
  public static final ConfigKey DEFAULT_LOCATION =
      KEYS.add(
          "defaultLocation",
          "unknown",
          "server_location when the path gives none: serverPattern matches without a location group, or the file is one of the fixed server's.");
  public static final ConfigKey SERVER =
      KEYS.add(
          "server",
          null,
          "Fixed server of the files whose path does not match serverPattern (e.g. captures directly in spoolDir, one agent per name server; their location is defaultLocation). Unset: such files are skipped with one warning per file.");
  public static final ConfigKey DNS_PORTS =
      KEYS.add(
          "dnsPorts",
          "53",
          "Ports that mark DNS traffic (either side), separated by spaces or commas.");
  public static final ConfigKey JOIN_TIMEOUT_MS =
      KEYS.add(
          "joinTimeoutMs",
          "5000",
          "Capture time a query waits for its response before it is an unanswered row.");
  public static final ConfigKey MAX_PENDING =
      KEYS.add(
          "maxPendingQueries",
          "200000",
          "Pending queries held per server; beyond it the oldest become unanswered rows (counted as evicted).");
  public static final ConfigKey TCP_GAP_TIMEOUT_MS =
      KEYS.add(
          "tcpGapTimeoutMs",
          Long.toString(ReassemblyLimits.DEFAULT_TCP_GAP_TIMEOUT_MS),
          "Capture time TCP data may wait behind a hole its peer has not acknowledged before the hole is taken as capture loss (counted in src.tcp.gaps) and the stream resumes after it. Keep it below joinTimeoutMs.");
  public static final ConfigKey IDLE_FLUSH_MS =
      KEYS.add(
          "idleFlushMs",
          "300000",
          "When a server has sent no new file for this long (wall clock), its pending queries are emitted.");
  public static final ConfigKey SCHEMA_URL =
      KEYS.add(
          "schemaUrl",
          null,
          "Value of the flume.avro.schema.url header (e.g. hdfs:///schemas/dns_query.avsc); unset: the source writes the schema into stateDir (the live source: schemaDir) and points a file:// URL at it.");
  public static final ConfigKey SCHEMA_LITERAL =
      KEYS.add(
          "schemaLiteral",
          "false",
          "true: send the schema in a flume.avro.schema.literal header instead of a URL (larger events).");

  public static final ConfigKey ICMP =
      KEYS.add(
          "icmp",
          "false",
          "true: every ICMP and ICMPv6 message is also a row of icmp_message.avsc, in events with the header rowkind=icmp (route them with a multiplexing channel selector to their own sink and staging path); false: ICMP is counted as other transport.");
  public static final ConfigKey ICMP_SCHEMA_URL =
      KEYS.add(
          "icmpSchemaUrl",
          null,
          "Value of the flume.avro.schema.url header of ICMP events (e.g. hdfs:///schemas/icmp_message.avsc); unset: the source writes the schema into stateDir and points a file:// URL at it.");

  final Path spoolDir;
  final String fileSuffix;
  final String failedSuffix;
  final Path failedDir;
  final boolean deleteImmediately;
  final boolean trackerDirPolicy;
  final Path trackerDir;
  final Pattern includePattern;
  final Pattern ignorePattern;
  final boolean orderByModificationTime;
  final long minFileAgeMillis;
  final long pollDelayMillis;
  final int batchSize;
  final int rowsPerEvent;
  final int maxEventBytes;
  final long maxBackoffMillis;
  final int threads;
  final Path stateDir;
  final Pattern serverPattern;
  final String defaultLocation;

  /** The server of files whose path names none, or null. */
  final String fixedServer;

  final DecoderConfig decoder;
  final long idleFlushMillis;
  final String schemaUrl;
  final boolean schemaLiteral;
  final boolean icmp;
  final String icmpSchemaUrl;

  /** The source's keys, then the privacy keys it reads too ({@link PrivacyConfig}). */
  public static List<ConfigKey> keys() {
    List<ConfigKey> all = new java.util.ArrayList<>(KEYS.keys());
    all.addAll(PrivacyConfig.keys());
    return all;
  }

  /**
   * Reads and validates the settings; directories are created when missing and checked writable.
   *
   * @throws ConfigException naming the key of the first invalid setting
   */
  public PcapSourceConfig(Map<String, String> parameters) {
    Settings s = new Settings(parameters);
    spoolDir = existingWritableDirectory(SPOOL_DIR, Path.of(s.required(SPOOL_DIR)), false);
    fileSuffix = s.required(FILE_SUFFIX);
    failedSuffix = s.required(FAILED_SUFFIX);
    if (fileSuffix.equals(failedSuffix)) {
      throw new ConfigException(
          FAILED_SUFFIX, "must differ from " + FILE_SUFFIX + " ('" + fileSuffix + "')");
    }
    String failed = s.string(FAILED_DIR);
    failedDir = failed == null ? null : existingWritableDirectory(FAILED_DIR, under(failed), true);
    deleteImmediately = s.choice(DELETE_POLICY, "never", "immediate").equals("immediate");
    trackerDirPolicy = s.choice(TRACKING_POLICY, "rename", "tracker_dir").equals("tracker_dir");
    trackerDir =
        trackerDirPolicy
            ? existingWritableDirectory(TRACKER_DIR, under(s.required(TRACKER_DIR)), true)
            : null;
    includePattern = s.pattern(INCLUDE_PATTERN);
    ignorePattern = s.pattern(IGNORE_PATTERN);
    String order = s.raw(CONSUME_ORDER);
    if ("random".equalsIgnoreCase(order) || "youngest".equalsIgnoreCase(order)) {
      throw new ConfigException(
          CONSUME_ORDER,
          "must be name or oldest, not '"
              + order
              + "': a server's files must be read in capture order for the join");
    }
    orderByModificationTime = s.choice(CONSUME_ORDER, "name", "oldest").equals("oldest");
    minFileAgeMillis = s.longValue(MIN_FILE_AGE_MS, 0, Long.MAX_VALUE);
    pollDelayMillis = s.longValue(POLL_DELAY, 1, 3_600_000);
    batchSize = s.intValue(BATCH_SIZE, 1, 1_000_000);
    rowsPerEvent = s.intValue(ROWS_PER_EVENT, 1, 1_000_000);
    maxEventBytes = s.intValue(MAX_EVENT_BYTES, 1024, Integer.MAX_VALUE / 2);
    maxBackoffMillis = s.longValue(MAX_BACKOFF, 1, 3_600_000);
    threads = s.intValue(THREADS, 1, 256);
    stateDir = existingWritableDirectory(STATE_DIR, under(s.required(STATE_DIR)), true);
    serverPattern = s.pattern(SERVER_PATTERN);
    if (!serverPattern.pattern().contains("(?<server>")) {
      throw new ConfigException(SERVER_PATTERN, "needs a named group (?<server>...)");
    }
    defaultLocation = s.required(DEFAULT_LOCATION);
    fixedServer = s.string(SERVER);
    List<Integer> portList = s.ports(DNS_PORTS); // names the key itself
    DnsPorts ports;
    try {
      ports = new DnsPorts(portList);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DNS_PORTS, e.getMessage());
    }
    long timeoutMillis = s.longValue(JOIN_TIMEOUT_MS, 1, 3_600_000);
    int maxPending = s.intValue(MAX_PENDING, 1, 50_000_000);
    long gapTimeoutMillis =
        s.longValue(TCP_GAP_TIMEOUT_MS, 1, ReassemblyLimits.MAX_TCP_GAP_TIMEOUT_MS);
    decoder =
        new DecoderConfig(
            ports,
            new JoinConfig(timeoutMillis * 1000, maxPending),
            ReassemblyLimits.withTcpGapTimeoutMillis(gapTimeoutMillis),
            PrivacyConfig.from(parameters),
            null);
    idleFlushMillis = s.longValue(IDLE_FLUSH_MS, 1, Long.MAX_VALUE);
    schemaUrl = s.string(SCHEMA_URL);
    schemaLiteral = s.bool(SCHEMA_LITERAL);
    icmp = s.bool(ICMP);
    icmpSchemaUrl = s.string(ICMP_SCHEMA_URL);
  }

  private Path under(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : spoolDir.resolve(p);
  }

  private static Path existingWritableDirectory(ConfigKey key, Path dir, boolean create) {
    if (create && !Files.exists(dir)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new ConfigException(
            key, "directory " + dir + " cannot be created: " + e.getMessage());
      }
    }
    File f = dir.toFile();
    if (!f.isDirectory()) {
      throw new ConfigException(key, "directory " + dir + " does not exist");
    }
    if (!f.canWrite() || !f.canRead()) {
      throw new ConfigException(key, "directory " + dir + " is not readable and writable");
    }
    return dir.toAbsolutePath().normalize();
  }
}
