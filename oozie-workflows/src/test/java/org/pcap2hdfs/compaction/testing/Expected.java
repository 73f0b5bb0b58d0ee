package org.pcap2hdfs.compaction.testing;

import java.util.Map;
import java.util.TreeMap;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/** Aggregates of the rows a test staged (each row once), to compare with what DuckDB reads. */
public final class Expected {
  public final Map<String, Long> byServer = new TreeMap<>();
  public final Map<String, Long> byQtype = new TreeMap<>();
  public final Map<String, Long> byRcode = new TreeMap<>();
  public long rows;
  private final long windowFromUs;
  private final long windowToUs;
  public long inWindow;

  /** Rows with time_us in [fromUs, toUs) are counted in {@link #inWindow}. */
  public Expected(long fromUs, long toUs) {
    this.windowFromUs = fromUs;
    this.windowToUs = toUs;
  }

  /** Adds rows [from, to) of a generator staged for {@code server}. */
  public void add(String server, SyntheticRows gen, long from, long to) {
    Row row = new Row();
    for (long i = from; i < to; i++) {
      gen.fill(row, i);
      rows++;
      byServer.merge(server, 1L, Long::sum);
      byQtype.merge(Integer.toString(row.getInt(Fields.QTYPE)), 1L, Long::sum);
      byRcode.merge(Integer.toString(row.getInt(Fields.RCODE)), 1L, Long::sum);
      long t = row.getLong(Fields.TIME_US);
      if (t >= windowFromUs && t < windowToUs) {
        inWindow++;
      }
    }
  }
}
