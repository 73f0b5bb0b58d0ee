package org.pcap2hdfs.analytics.aggregate;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.analytics.db.Database;
import org.pcap2hdfs.compaction.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Oozie java action and of local runs:
 *
 * <pre>
 * AggregatesMain [--conf FILE.xml]... [-D key=value]...
 * </pre>
 *
 * Settings as for the compaction job (site files, oozie.action.conf.xml, --conf, -D). With {@code
 * <capture-output/>} it writes {@code days} and {@code months} (comma-separated) to the file named
 * by {@code oozie.action.output.properties}. Failures are thrown with their message; no
 * System.exit.
 */
public final class AggregatesMain {
  private static final Logger LOG = LoggerFactory.getLogger(AggregatesMain.class);
  private static final String OOZIE_OUTPUT = "oozie.action.output.properties";

  private AggregatesMain() {}

  public static void main(String[] args) throws Exception {
    ConfigLoader loaded = ConfigLoader.load(args, new File("."));
    if (!loaded.rest().isEmpty()) {
      throw new IllegalArgumentException("unexpected arguments " + loaded.rest());
    }
    AggregateJob.Result r = run(AggregatesConfig.from(loaded.configuration()));
    String file = System.getProperty(OOZIE_OUTPUT);
    if (file != null) {
      Properties out = new Properties();
      out.setProperty(
          "days", r.days.stream().map(Object::toString).collect(Collectors.joining(",")));
      out.setProperty(
          "months", r.months.stream().map(Object::toString).collect(Collectors.joining(",")));
      try (OutputStream o = new FileOutputStream(file)) {
        out.store(o, "pcap2hdfs aggregates");
      }
    }
  }

  /** Runs the job as configured: connects to the engine, aggregates, writes the database. */
  public static AggregateJob.Result run(AggregatesConfig config)
      throws AggregateException, IOException {
    FileSystem fs = config.warehouseDir().getFileSystem(config.hadoop());
    Path root = fs.makeQualified(config.warehouseDir());
    AggregateJob job =
        new AggregateJob(
            config.database(),
            new WarehouseDays(fs, root),
            new AggregateSql(config.table(), config.topN()));
    try (Connection engine = engine(config, root)) {
      AggregateJob.Result r = job.run(engine, config.days());
      LOG.info("aggregated days {} and months {}", r.days, r.months);
      return r;
    } catch (SQLException e) {
      throw new AggregateException(
          "query engine " + Database.redact(config.engineUrl()) + ": " + e.getMessage(), e);
    }
  }

  private static Connection engine(AggregatesConfig config, Path root)
      throws SQLException, AggregateException {
    if (!config.engineDriver().isEmpty()) {
      try {
        Class.forName(config.engineDriver());
      } catch (ClassNotFoundException e) {
        throw new AggregateException(
            "JDBC driver "
                + config.engineDriver()
                + " is not on the classpath (put its jar into lib/)",
            e);
      }
    }
    Connection c = DriverManager.getConnection(config.engineUrl());
    if (config.engineUrl().startsWith("jdbc:duckdb:")) {
      if (!"file".equals(root.toUri().getScheme())) {
        c.close();
        throw new AggregateException("jdbc:duckdb: reads a local warehouse only, not " + root);
      }
      DuckDbWarehouse.register(c, config.table(), root.toUri().getPath());
    }
    return c;
  }
}
