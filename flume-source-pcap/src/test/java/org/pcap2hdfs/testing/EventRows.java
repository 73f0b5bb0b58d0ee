package org.pcap2hdfs.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flume.Event;
import org.pcap2hdfs.row.RowBlock;

/** The datums an event carries: its body, or each datum of its row block. */
public final class EventRows {
  private EventRows() {}

  public static List<byte[]> datums(Event e) {
    if (!RowBlock.isBlock(e.getHeaders())) {
      return List.of(e.getBody());
    }
    RowBlock.Reader block = new RowBlock.Reader();
    if (!block.read(e.getBody())) {
      throw new AssertionError("not a row block: " + e.getHeaders());
    }
    int declared = Integer.parseInt(e.getHeaders().get(RowBlock.ROWS_HEADER));
    if (declared != block.count()) {
      throw new AssertionError("header says " + declared + " rows, block has " + block.count());
    }
    List<byte[]> out = new ArrayList<>(block.count());
    for (int i = 0; i < block.count(); i++) {
      int from = block.offset(i);
      out.add(Arrays.copyOfRange(e.getBody(), from, from + block.length(i)));
    }
    return out;
  }

  /** Rows in the events: their block headers' counts, one for each other event. */
  public static long count(List<Event> events) {
    long n = 0;
    for (Event e : events) {
      String rows = e.getHeaders().get(RowBlock.ROWS_HEADER);
      n += rows == null ? 1 : Long.parseLong(rows);
    }
    return n;
  }
}
