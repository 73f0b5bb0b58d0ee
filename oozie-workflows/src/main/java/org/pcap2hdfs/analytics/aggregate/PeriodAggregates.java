package org.pcap2hdfs.analytics.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate rows of one period (a day or a month), per target table, as the engine gave them.
 */
public final class PeriodAggregates {
  private final Grain grain;
  private final LocalDate start;
  private final Map<AggregateTable, List<Object[]>> rows = new EnumMap<>(AggregateTable.class);

  PeriodAggregates(Grain grain, LocalDate start) {
    this.grain = grain;
    this.start = start;
    for (AggregateTable t : AggregateTable.values()) {
      rows.put(t, new ArrayList<>());
    }
  }

  public Grain grain() {
    return grain;
  }

  public LocalDate start() {
    return start;
  }

  /** The rows of a target, each holding its {@link AggregateTable#columns()} in order. */
  public List<Object[]> rows(AggregateTable target) {
    return rows.get(target);
  }
}
