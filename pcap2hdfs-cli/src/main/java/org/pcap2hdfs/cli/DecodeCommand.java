package org.pcap2hdfs.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.PairHandoff;
import org.pcap2hdfs.decode.ServerNaming;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.join.JoinConfig;
import org.pcap2hdfs.packet.DnsPorts;
import org.pcap2hdfs.packet.ReassemblyLimits;
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
      names = "--max-pending",
      defaultValue = "200000",
      description = "Queries waiting for a response at most (default: ${DEFAULT-VALUE}).")
  int maxPending;

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
              ReassemblyLimits.defaults());
    } catch (IllegalArgumentException e) {
      err.println("pcap2hdfs decode: " + e.getMessage());
      return 2;
    }
    ServerNaming.Name naming = ServerNaming.fromFolder(files.get(0));
    String serverName = server != null ? server : naming.server;
    String locationName = location != null ? location : naming.location;

    StreamDecoder decoder;
    try (RowOutput output = RowOutput.open(format, out);
        RowOutput icmpOutput =
            icmpOut == null ? null : RowOutput.open(format, icmpOut.toString(), RowSchema.icmp())) {
      // Rows are built, encoded and written on a second thread while this one decodes and joins.
      PairHandoff rows = new PairHandoff(serverName, locationName, output);
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
