package org.pcap2hdfs.compaction;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.pcap2hdfs.compaction.CompactionConfig.ImpalaMode;
import org.pcap2hdfs.compaction.impala.ImpalaStatements;
import org.pcap2hdfs.compaction.impala.JdbcStatementRunner;
import org.pcap2hdfs.compaction.impala.PendingPartitions;
import org.pcap2hdfs.compaction.publish.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Oozie java actions and of local runs.
 *
 * <pre>
 * CompactionMain [compact|impala] [--conf FILE.xml]... [-D key=value]...
 * </pre>
 *
 * <p>{@code compact} (default) compacts closed staging partitions and, with {@code
 * <capture-output/>}, writes what it published to the file named by the system property {@code
 * oozie.action.output.properties}. {@code impala} runs the pending Impala statements through JDBC
 * (impala.mode=jdbc). Failures are thrown (Oozie takes the error transition with the message),
 * except partitions that failed in a compact run with capture-output: those are in its output
 * ({@code failedCount}, {@code failure}), and the workflow fails once Impala knows the published
 * ones. The process never calls System.exit.
 */
public final class CompactionMain {
  private static final Logger LOG = LoggerFactory.getLogger(CompactionMain.class);

  /** System property naming the file for capture-output. */
  public static final String OOZIE_OUTPUT = "oozie.action.output.properties";

  private CompactionMain() {}

  public static void main(String[] args) throws Exception {
    ConfigLoader loaded = ConfigLoader.load(args, new File("."));
    List<String> rest = loaded.rest();
    String mode = rest.isEmpty() ? "compact" : rest.get(0);
    if (rest.size() > 1) {
      throw new IllegalArgumentException("unexpected arguments " + rest.subList(1, rest.size()));
    }
    CompactionConfig config = CompactionConfig.from(loaded.configuration());
    Properties out;
    switch (mode) {
      case "compact":
        out = compact(config, System.getProperty(OOZIE_OUTPUT) != null);
        break;
      case "impala":
        out = runImpala(config);
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode + " (compact or impala)");
    }
    writeOutput(out);
  }

  /**
   * Compacts. With an Oozie output file, partitions that failed do not fail the action: the output
   * names them ({@code failedCount}, {@code failed}, {@code failure}) so that the workflow still
   * tells Impala about the partitions that were published, then fails. Without one, they are
   * thrown.
   */
  static Properties compact(CompactionConfig config, boolean oozieOutput) throws IOException {
    RunReport report =
        new Compactor(config, Clock.systemUTC(), CompactionHooks.NONE).runReportingFailures();
    if (report.failure() != null) {
      if (!oozieOutput) {
        throw report.failure();
      }
      LOG.error(
          "{} partitions failed (the workflow fails after the Impala step): {}",
          report.failed().size(),
          report.failure().getMessage());
    }
    return report.toProperties();
  }

  /** Runs the pending Impala statements through JDBC; a no-op unless impala.mode=jdbc. */
  static Properties runImpala(CompactionConfig config) throws IOException {
    Properties out = new Properties();
    if (config.impalaMode() != ImpalaMode.JDBC) {
      LOG.info("{}={}: nothing to run", CompactionConfig.IMPALA_MODE, config.impalaMode());
      out.setProperty("impalaStatements", "0");
      return out;
    }
    FileSystem fs = config.warehouseDir().getFileSystem(config.hadoop());
    PendingPartitions pending =
        new PendingPartitions(fs, new WorkLayout(fs.makeQualified(config.workDir())).impalaRoot());
    try (JdbcStatementRunner runner =
        new JdbcStatementRunner(config.impalaJdbcUrl(), config.impalaJdbcDriver())) {
      int n =
          pending.runPending(
              new ImpalaStatements(config.impalaTable(), config.impalaComputeStats()), runner);
      out.setProperty("impalaPartitions", Integer.toString(n));
    }
    return out;
  }

  private static void writeOutput(Properties props) throws IOException {
    String file = System.getProperty(OOZIE_OUTPUT);
    if (file == null) {
      return;
    }
    try (OutputStream o = new FileOutputStream(file)) {
      store(props, o);
    }
  }

  /** Writes the action output as Oozie reads it. */
  static void store(Properties props, OutputStream o) throws IOException {
    props.store(o, "pcap2hdfs compaction");
  }
}
