package org.pcap2hdfs.compaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which staging partitions a run compacts: the explicitly listed ones ({@code
 * year=Y/month=M/day=D[/server=S]}, regardless of time), else every partition whose day (UTC) ended
 * at least the grace period ago.
 */
public final class PartitionFilter {
  private static final Pattern DAY =
      Pattern.compile("year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})");

  private final List<String> explicit;
  private final Duration grace;
  private final Clock clock;

  private PartitionFilter(List<String> explicit, Duration grace, Clock clock) {
    this.explicit = explicit;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException naming {@link CompactionConfig#PARTITIONS} for a bad entry
   */
  public static PartitionFilter of(List<String> explicit, Duration grace, Clock clock) {
    for (String e : explicit) {
      if (!DAY.matcher(e).matches()) {
        try {
          Partition.parse(e);
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(
              CompactionConfig.PARTITIONS
                  + ": '"
                  + e
                  + "' is not year=Y/month=M/day=D or year=Y/month=M/day=D/server=S",
              ex);
        }
      }
    }
    return new PartitionFilter(List.copyOf(explicit), grace, clock);
  }

  public boolean explicit() {
    return !explicit.isEmpty();
  }

  public boolean accept(Partition p) {
    if (!explicit.isEmpty()) {
      for (String e : explicit) {
        Matcher m = DAY.matcher(e);
        if (m.matches()) {
          if (Integer.parseInt(m.group(1)) == p.year()
              && Integer.parseInt(m.group(2)) == p.month()
              && Integer.parseInt(m.group(3)) == p.day()) {
            return true;
          }
        } else if (Partition.parse(e).equals(p)) {
          return true;
        }
      }
      return false;
    }
    Instant dayEnd = p.date().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return !clock.instant().isBefore(dayEnd.plus(grace));
  }
}
