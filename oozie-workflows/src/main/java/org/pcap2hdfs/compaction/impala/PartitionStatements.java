package org.pcap2hdfs.compaction.impala;

import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.compaction.Partition;

/** The SQL that makes a query engine see a published partition, or forget a dropped one. */
public interface PartitionStatements {
  List<String> added(Partition p);

  List<String> dropped(Partition p);

  /** Statements for all changes: additions first, then drops. */
  default List<String> all(List<Partition> added, List<Partition> dropped) {
    List<String> out = new ArrayList<>();
    for (Partition p : added) {
      out.addAll(added(p));
    }
    for (Partition p : dropped) {
      out.addAll(dropped(p));
    }
    return out;
  }

  /** The statements as a script, one per line, each ending with ';'. */
  static String script(List<String> statements) {
    StringBuilder b = new StringBuilder();
    for (String s : statements) {
      b.append(s).append(";\n");
    }
    return b.toString();
  }
}
