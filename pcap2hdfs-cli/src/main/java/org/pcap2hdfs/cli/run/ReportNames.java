package org.pcap2hdfs.cli.run;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Mnemonics for numeric DNS columns in reports (dnsjava's tables), and value formatting. */
final class ReportNames {
  private ReportNames() {}

  /** The value to show: qtype 28 as "AAAA (28)", rcode 3 as "NXDOMAIN (3)", -1 as "no response". */
  static Object display(String column, Object value) {
    if (!(value instanceof Number)) {
      return value;
    }
    int v = ((Number) value).intValue();
    if (column.equals("qtype")) {
      return Type.string(v) + " (" + v + ")";
    }
    if (column.equals("rcode")) {
      return v == -1 ? "no response (-1)" : Rcode.string(v) + " (" + v + ")";
    }
    return value;
  }

  static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Long || v instanceof Integer) {
      return String.format("%,d", ((Number) v).longValue());
    }
    return v.toString();
  }
}
