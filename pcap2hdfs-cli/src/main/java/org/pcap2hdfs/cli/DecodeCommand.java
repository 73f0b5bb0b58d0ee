package org.pcap2hdfs.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.PairHandoff;
import org.pcap2hdfs.decode.ServerNaming;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;
import org.pcap2hdfs.privacy.FullAddressEnricher;
import org.pcap2hdfs.privacy.PrivacyConfig;
import org.pcap2hdfs.row.RowSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code decode}: capture files of one server, in order, to rows. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes capture files (pcap, pcapng; gzip, xz or bzip2 compressed) of one name server into"
          + " one row per DNS query joined with its response.",
      "The files are one stream, in the order given: a query in one file is joined with its"
          + " response in the next. A summary line goes to stderr."
    })
final class DecodeCommand implements Callable<Integer> {

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      description = "jsonl, avro or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      defaultValue = "-",
      description = "Output path, or - for stdout (jsonl only; default: ${DEFAULT-VALUE}).")
  String out;

  @Option(
      names = "--icmp-out",
      paramLabel = "PATH",
      description =
          "Also write every ICMP and ICMPv6 message as a row of icmp_message.avsc to PATH, in the"
              + " same format (default: ICMP is not decoded).")
  Path icmpOut;

  @Option(
      names = "--server",
      description =
          "Server name (default: from the folder name <server>_<location>, else unknown).")
  String server;

  @Option(
      names = "--location",
      description =
          "Server location (default: from the folder name <server>_<location>, else unknown).")
  String location;

  @Option(
      names = "--dns-port",
      description = "A port that marks DNS traffic; repeat for several (default: 53).")
  List<Integer> dnsPorts = new ArrayList<>();

  @Option(
      names = "--join-timeout-ms",
      defaultValue = "5000",
      description = "Capture time a query waits for its response (default: ${DEFAULT-VALUE}).")
  long joinTimeoutMillis;

  @Option(
      names = "--tcp-gap-timeout-ms",
      defaultValue = "" + ReassemblyLimits.DEFAULT_TCP_GAP_TIMEOUT_MS,
      description =
          "Capture time TCP data waits behind a hole its peer has not acknowledged before the"
              + " hole is taken as capture loss (default: ${DEFAULT-VALUE}).")
  long tcpGapTimeoutMillis;

  @Option(
      names = "--max-pending",
      defaultValue = "200000",
      description = "Queries waiting for a response at most (default: ${DEFAULT-VALUE}).")
  int maxPending;

  @Option(
      names = "--privacy",
      defaultValue = "keep",
      description =
          "Client addresses (src, edns_client_subnet): keep, truncate or pseudonym (Crypto-PAn;"
              + " needs --privacy-key) (default: ${DEFAULT-VALUE}).")
  String privacy;

  @Option(
      names = "--ipv4-prefix",
      defaultValue = "24",
      description = "Bits of an IPv4 client address truncate keeps (default: ${DEFAULT-VALUE}).")
  int ipv4Prefix;

  @Option(
      names = "--ipv6-prefix",
      defaultValue = "48",
      description = "Bits of an IPv6 client address truncate keeps (default: ${DEFAULT-VALUE}).")
  int ipv6Prefix;

  @Option(
      names = "--privacy-key",
      paramLabel = "FILE",
      description = "The 32-byte pseudonym key (raw or 64 hex digits), not readable by others.")
  Path privacyKey;

  @Option(
      names = "--geoip-city",
      paramLabel = "MMDB",
      description =
          "GeoIP2/GeoLite2 City or Country database: fill the geo columns from the full address,"
              + " before --privacy masks it.")
  Path geoipCity;

  @Option(
      names = "--geoip-asn",
      paramLabel = "MMDB",
      description = "GeoLite2/GeoIP2 ASN database, used as --geoip-city.")
  Path geoipAsn;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    if (!format.equals("jsonl") && !format.equals("avro") && !format.equals("parquet")) {
      err.println("pcap2hdfs decode: --format must be jsonl, avro or parquet, not " + format);
      return 2;
    }
    if (!format.equals("jsonl") && out.equals("-")) {
      err.println("pcap2hdfs decode: --format " + format + " needs --out PATH");
      return 2;
    }
    DecoderConfig config;
    try {
      config =
          new DecoderConfig(
              new DnsPorts(dnsPorts.isEmpty() ? DecoderConfig.DEFAULT_DNS_PORTS : dnsPorts),
              new JoinConfig(joinTimeoutMillis * 1000, maxPending),
              ReassemblyLimits.withTcpGapTimeoutMillis(tcpGapTimeoutMillis),
              PrivacyConfig.from(privacySettings()),
              null);
    } catch (RuntimeException e) { // an invalid value; privacy's errors name their key
      err.println("pcap2hdfs decode: " + e.getMessage());
      return 2;
    }
    try (FullAddressEnricher enricher = config.privacy.openEnricher("decode.privacy")) {
      return decode(config.withEnricher(enricher), err);
    }
  }

  /** The options as the source's privacy keys, so that both validate and behave alike. */
  private Map<String, String> privacySettings() {
    Map<String, String> m = new HashMap<>();
    m.put(PrivacyConfig.MODE.name(), privacy);
    m.put(PrivacyConfig.IPV4_PREFIX.name(), Integer.toString(ipv4Prefix));
    m.put(PrivacyConfig.IPV6_PREFIX.name(), Integer.toString(ipv6Prefix));
    if (privacyKey != null) {
      m.put(PrivacyConfig.KEY_FILE.name(), privacyKey.toString());
    }
    if (geoipCity != null || geoipAsn != null) {
      String geo = PrivacyConfig.ENRICH_PREFIX + "geoip.";
      m.put(PrivacyConfig.ENRICH_FULL_ADDRESS.name(), "true");
      m.put(PrivacyConfig.ENRICH_STAGES.name(), "geoip");
      m.put(geo + "reloadCheckMillis", "0");
      if (geoipCity != null) {
        m.put(geo + "locationDatabase", geoipCity.toString());
      }
      if (geoipAsn != null) {
        m.put(geo + "asnDatabase", geoipAsn.toString());
      }
    }
    return m;
  }

  private int decode(DecoderConfig config, PrintStream err) throws Exception {
    ServerNaming.Name naming = ServerNaming.fromFolder(files.get(0));
    String serverName = server != null ? server : naming.server;
    String locationName = location != null ? location : naming.location;

    StreamDecoder decoder;
    try (RowOutput output = RowOutput.open(format, out);
        RowOutput icmpOutput =
            icmpOut == null ? null : RowOutput.open(format, icmpOut.toString(), RowSchema.icmp())) {
      // Rows are built, encoded and written on a second thread while this one decodes and joins.
      PairHandoff rows = new PairHandoff(config, serverName, locationName, output);
      decoder = new StreamDecoder(config, rows);
      if (icmpOutput != null) {
        decoder.enableIcmp(serverName, locationName, icmpOutput); // few: on this thread
      }
      try {
        decodeAll(decoder, err);
        decoder.finish();
      } catch (PairHandoff.RowSinkFailure e) {
        // the output failed on the row thread: finish() throws what it threw
      } finally {
        rows.finish(); // every row is written before the output is closed
      }
    }
    err.println(decoder.counters().summaryLine());
    return decoder.counters().filesFailed == 0 ? 0 : 1;
  }

  /** Decodes the files in order; counts and reports those that cannot be read. */
  private void decodeAll(StreamDecoder decoder, PrintStream err) throws Exception {
    for (Path file : files) {
      try {
        CaptureFaultException fault = decoder.decode(file, file.getFileName().toString());
        if (fault != null) {
          err.println("pcap2hdfs decode: " + file + ": capture ends early: " + fault.getMessage());
        }
      } catch (NoSuchFileException e) {
        decoder.counters().filesFailed++;
        err.println("pcap2hdfs decode: " + file + ": no such file");
      } catch (java.io.IOException e) {
        decoder.counters().filesFailed++;
        err.println("pcap2hdfs decode: " + file + ": " + describe(file, e));
      }
    }
  }

  private static String describe(Path file, java.io.IOException e) {
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    if (!Files.isReadable(file)) {
      return "not readable";
    }
    return e.getMessage();
  }
}
