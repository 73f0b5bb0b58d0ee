package org.pcap2hdfs.compaction.impala;

import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.compaction.Partition;

/**
 * The local stand-in for Impala's statements, for DuckDB: a partitions table plays the metastore
 * (the {@code <table>} view shows only registered partitions, as Impala shows only added ones), a
 * stats table plays COMPUTE STATS; REFRESH needs nothing because DuckDB lists files per query.
 */
public final class DuckDbStatements implements PartitionStatements {
  private final String table;
  private final String warehouse;
  private final boolean computeStats;

  /**
   * @param table name of the view (no schema prefix)
   * @param warehouse local warehouse root (the Impala table LOCATION)
   */
  public DuckDbStatements(String table, String warehouse, boolean computeStats) {
    this.table = table;
    this.warehouse = warehouse.replace("'", "''");
    this.computeStats = computeStats;
  }

  /** One-time statements: catalog tables and the view over the Parquet files. */
  public List<String> setup() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + "_partitions (year INTEGER, month INTEGER, day INTEGER, server VARCHAR,"
            + " PRIMARY KEY (year, month, day, server))",
        "CREATE TABLE IF NOT EXISTS "
            + table
            + "_partition_stats (year INTEGER, month INTEGER, day INTEGER, server VARCHAR,"
            + " num_rows BIGINT, num_files BIGINT, PRIMARY KEY (year, month, day, server))",
        "CREATE OR REPLACE VIEW "
            + table
            + " AS SELECT q.* FROM read_parquet('"
            + warehouse
            + "/*/*/*/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER,"
            + " 'month': INTEGER, 'day': INTEGER, 'server': VARCHAR}) q SEMI JOIN "
            + table
            + "_partitions p USING (year, month, day, server)");
  }

  @Override
  public List<String> added(Partition p) {
    List<String> out = new ArrayList<>();
    out.add(
        "INSERT INTO " + table + "_partitions VALUES (" + values(p) + ") ON CONFLICT DO NOTHING");
    if (computeStats) {
      out.add(
          "INSERT OR REPLACE INTO "
              + table
              + "_partition_stats SELECT "
              + values(p)
              + ", count(*), count(DISTINCT filename) FROM read_parquet('"
              + warehouse
              + "/"
              + p.relativePath()
              + "/*.parquet', filename = true)");
    }
    return out;
  }

  @Override
  public List<String> dropped(Partition p) {
    String where =
        " WHERE year = "
            + p.year()
            + " AND month = "
            + p.month()
            + " AND day = "
            + p.day()
            + " AND server = '"
            + p.server()
            + "'";
    return List.of(
        "DELETE FROM " + table + "_partitions" + where,
        "DELETE FROM " + table + "_partition_stats" + where);
  }

  private static String values(Partition p) {
    return p.year() + ", " + p.month() + ", " + p.day() + ", '" + p.server() + "'";
  }
}
