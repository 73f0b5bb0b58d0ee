package org.pcap2hdfs.analytics.anomaly;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The local stand-in for Impala's table: a DuckDB view over the warehouse's Parquet files with the
 * partition columns from the paths, as {@code ./pcap2hdfs run} reads it.
 */
public final class DuckDbWarehouse {
  private DuckDbWarehouse() {}

  public static void createView(Connection duck, Path warehouse, String view) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW "
              + view
              + " AS SELECT * FROM read_parquet('"
              + warehouse.toAbsolutePath().toString().replace("'", "''")
              + "/year=*/month=*/day=*/server=*/*.parquet', hive_partitioning = true)");
    }
  }
}
