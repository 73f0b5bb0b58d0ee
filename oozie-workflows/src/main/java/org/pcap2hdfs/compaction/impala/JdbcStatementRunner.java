package org.pcap2hdfs.compaction.impala;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.pcap2hdfs.compaction.CompactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements through JDBC with a driver the operator put on the classpath (Impala's own or
 * Hive's; neither is on Maven Central), one statement at a time, failing on the first error.
 */
public final class JdbcStatementRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStatementRunner.class);

  private final Connection connection;

  /**
   * @param driverClass loaded first when not empty (drivers that do not self-register)
   */
  public JdbcStatementRunner(String url, String driverClass) throws CompactionException {
    try {
      if (!driverClass.isEmpty()) {
        Class.forName(driverClass);
      }
      connection = DriverManager.getConnection(url);
    } catch (ClassNotFoundException e) {
      throw new CompactionException(
          "JDBC driver " + driverClass + " is not on the classpath (put its jar into lib/)", e);
    } catch (SQLException e) {
      throw new CompactionException("cannot connect to " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  public void run(List<String> statements) throws CompactionException {
    for (String sql : statements) {
      try (Statement st = connection.createStatement()) {
        LOG.info("{}", sql);
        st.execute(sql);
      } catch (SQLException e) {
        throw new CompactionException("statement failed: " + sql + ": " + e.getMessage(), e);
      }
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
  }

  @Override
  public void close() throws CompactionException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new CompactionException("closing JDBC connection: " + e.getMessage(), e);
    }
  }
}
