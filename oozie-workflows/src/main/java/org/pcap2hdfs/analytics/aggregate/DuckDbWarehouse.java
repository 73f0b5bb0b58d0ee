package org.pcap2hdfs.analytics.aggregate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a local warehouse visible to DuckDB under the Impala table's name: a view over its Parquet
 * files with the partition columns typed as Impala declares them.
 */
public final class DuckDbWarehouse {
  private DuckDbWarehouse() {}

  /**
   * @param table db.table or table
   * @param localDir the warehouse directory on the local file system
   */
  public static void register(Connection duck, String table, String localDir) throws SQLException {
    try (Statement s = duck.createStatement()) {
      int dot = table.indexOf('.');
      if (dot > 0) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + table.substring(0, dot));
      }
      s.execute(
          "CREATE OR REPLACE VIEW "
              + table
              + " AS SELECT * FROM read_parquet('"
              + localDir.replace("'", "''")
              + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true,"
              + " hive_types = {'year': INTEGER, 'month': INTEGER, 'day': INTEGER,"
              + " 'server': VARCHAR})");
    }
  }
}
