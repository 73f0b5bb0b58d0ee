package org.pcap2hdfs.cli.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The report as aligned text tables. */
final class TextReport {
  private TextReport() {}

  static void print(WarehouseReport report, PrintStream out) {
    for (String key : report.tables.keySet()) {
      if (key.equals("timeline") || key.equals("cluster_points")) {
        continue; // charts in the HTML report
      }
      WarehouseReport.Table t = report.tables.get(key);
      out.println();
      out.println("== " + t.title);
      List<String[]> cells = new ArrayList<>();
      cells.add(t.columns.toArray(new String[0]));
      for (List<Object> row : t.rows) {
        String[] c = new String[row.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = ReportNames.format(ReportNames.display(t.columns.get(i), row.get(i)));
        }
        cells.add(c);
      }
      int[] width = new int[t.columns.size()];
      for (String[] r : cells) {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], Math.min(60, r[i].length()));
        }
      }
      for (String[] r : cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          String s = r[i].length() > 60 ? r[i].substring(0, 57) + "..." : r[i];
          line.append(String.format("%-" + width[i] + "s  ", s));
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }
}
