package org.pcap2hdfs.compaction.impala;

import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.compaction.Partition;

/**
 * Impala's statements for a partition of the warehouse table: {@code ALTER TABLE … ADD IF NOT
 * EXISTS PARTITION}, {@code REFRESH … PARTITION} (new files), {@code COMPUTE INCREMENTAL STATS …
 * PARTITION} and, for retention, {@code ALTER TABLE … DROP IF EXISTS PARTITION}. All are
 * idempotent, so a repeated batch does no harm.
 */
public final class ImpalaStatements implements PartitionStatements {
  private final String table;
  private final boolean computeStats;

  public ImpalaStatements(String table, boolean computeStats) {
    this.table = table;
    this.computeStats = computeStats;
  }

  @Override
  public List<String> added(Partition p) {
    String spec = "PARTITION (" + p.sqlSpec() + ")";
    List<String> out = new ArrayList<>();
    out.add("ALTER TABLE " + table + " ADD IF NOT EXISTS " + spec);
    out.add("REFRESH " + table + " " + spec);
    if (computeStats) {
      out.add("COMPUTE INCREMENTAL STATS " + table + " " + spec);
    }
    return out;
  }

  @Override
  public List<String> dropped(Partition p) {
    return List.of("ALTER TABLE " + table + " DROP IF EXISTS PARTITION (" + p.sqlSpec() + ")");
  }
}
