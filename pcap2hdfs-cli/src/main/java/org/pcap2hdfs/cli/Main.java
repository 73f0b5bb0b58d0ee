package org.pcap2hdfs.cli;

import org.pcap2hdfs.cli.analyse.AnalyseCommand;
import org.pcap2hdfs.cli.bench.AgentBenchCommand;
import org.pcap2hdfs.cli.bench.BenchCommand;
import org.pcap2hdfs.cli.run.RunCommand;
import org.pcap2hdfs.cli.synth.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./pcap2hdfs}. */
@Command(
    name = "pcap2hdfs",
    mixinStandardHelpOptions = true,
    version = "pcap2hdfs 0.1.0",
    description = "DNS packet captures to analytics tables.",
    subcommands = {
      RunCommand.class,
      DecodeCommand.class,
      GenerateCommand.class,
      BenchCommand.class,
      AgentBenchCommand.class,
      AnalyseCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line; returns the exit code. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
