package org.pcap2hdfs.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page: tables, and charts drawn as inline SVG by a few lines
 * of script from data embedded in the page (no network, no library).
 */
final class HtmlReport {
  private HtmlReport() {}

  static Path write(WarehouseReport report, Path file, String subtitle) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>pcap2hdfs report</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}\n")
        .append("h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}\n")
        .append("section{margin:2em 0}table{border-collapse:collapse;margin:.5em 0}\n")
        .append("td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}\n")
        .append(".chart{margin:.5em 0}.chart svg{overflow:visible}.grid{display:grid;")
        .append("grid-template-columns:1fr 1fr;gap:2em}\n</style></head><body>\n")
        .append("<h1>DNS queries</h1><p class=\"sub\">")
        .append(escape(subtitle))
        .append("</p>\n");
    section(h, report, "totals", null);
    h.append("<section><h2>Queries over time per location</h2>")
        .append("<div class=\"chart\" id=\"timeline\" data-kind=\"lines\"></div>")
        .append("<p class=\"sub\">Red dashes: intervals the spike detector flagged in a")
        .append(" location's series (table below).</p></section>\n");
    section(h, report, "anomalies", null);
    section(h, report, "locations", chart("locations", "server_location", "queries"));
    section(h, report, "servers", null);
    section(h, report, "customers", chart("customers", "customer", "queries"));
    for (String[] q : LocalAggregates.QUERIES) {
      if (report.tables.containsKey(q[0])) {
        section(h, report, q[0], null);
      }
    }
    h.append("<div class=\"grid\">");
    section(h, report, "qtypes", chart("qtypes", "qtype", "queries"));
    section(h, report, "rcodes", chart("rcodes", "rcode", "queries"));
    h.append("</div>");
    section(h, report, "latency", null);
    section(h, report, "domains", null);
    h.append("<div class=\"grid\">");
    section(h, report, "countries", chart("countries", "country", "queries"));
    section(h, report, "asns", null);
    h.append("</div>");
    section(
        h,
        report,
        "cluster_profiles",
        "<div class=\"chart\" data-kind=\"scatter\" data-table=\"cluster_points\"></div>");
    if (report.tables.containsKey("icmp")) {
      section(h, report, "icmp", null);
    }
    h.append("<script type=\"application/json\" id=\"data\">")
        .append(json(report))
        .append("</script>\n<script>\n")
        .append(SCRIPT)
        .append("</script>\n</body></html>\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, h, StandardCharsets.UTF_8);
    return file;
  }

  private static String chart(String key, String label, String value) {
    return "<div class=\"chart\" data-kind=\"bars\" data-table=\""
        + key
        + "\" data-label=\""
        + label
        + "\" data-value=\""
        + value
        + "\"></div>";
  }

  private static void section(StringBuilder h, WarehouseReport report, String key, String chart) {
    WarehouseReport.Table t = report.tables.get(key);
    h.append("<section><h2>").append(escape(t.title)).append("</h2>");
    if (chart != null) {
      h.append(chart);
    }
    h.append("<table><tr>");
    for (String c : t.columns) {
      h.append("<th>").append(escape(c)).append("</th>");
    }
    h.append("</tr>");
    for (List<Object> row : t.rows) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Object v = ReportNames.display(t.columns.get(i), row.get(i));
        h.append(v instanceof Number ? "<td class=\"n\">" : "<td>")
            .append(escape(ReportNames.format(v)))
            .append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table></section>\n");
  }

  /** The tables as JSON: {"key": {"columns": [...], "rows": [[...], ...]}, ...}. */
  static String json(WarehouseReport report) {
    StringBuilder j = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, WarehouseReport.Table> e : report.tables.entrySet()) {
      if (!first) {
        j.append(',');
      }
      first = false;
      WarehouseReport.Table t = e.getValue();
      j.append('"').append(e.getKey()).append("\":{\"columns\":[");
      for (int i = 0; i < t.columns.size(); i++) {
        j.append(i > 0 ? "," : "").append(quote(t.columns.get(i)));
      }
      j.append("],\"rows\":[");
      for (int r = 0; r < t.rows.size(); r++) {
        j.append(r > 0 ? ",[" : "[");
        List<Object> row = t.rows.get(r);
        for (int i = 0; i < row.size(); i++) {
          Object v = ReportNames.display(t.columns.get(i), row.get(i));
          j.append(i > 0 ? "," : "");
          j.append(
              v instanceof Number
                  ? v.toString()
                  : v == null ? "null" : quote(ReportNames.format(v)));
        }
        j.append(']');
      }
      j.append("]}");
    }
    return j.append('}').toString().replace("</", "<\\/");
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /**
   * Draws the charts: horizontal bars for a table, lines per location over time (flagged intervals
   * of location series marked), and the domains' PCA scatter coloured by cluster.
   */
  private static final String SCRIPT =
      String.join(
          "\n",
          "const data = JSON.parse(document.getElementById('data').textContent);",
          "const NS = 'http://www.w3.org/2000/svg';",
          "const COLORS = ['#4e79a7','#f28e2b','#e15759','#76b7b2','#59a14f','#edc948','#b07aa1','#ff9da7'];",
          "function el(name, attrs, parent) {",
          "  const e = document.createElementNS(NS, name);",
          "  for (const k in attrs) e.setAttribute(k, attrs[k]);",
          "  if (parent) parent.appendChild(e);",
          "  return e;",
          "}",
          "function bars(div) {",
          "  const t = data[div.dataset.table];",
          "  const li = t.columns.indexOf(div.dataset.label), vi = t.columns.indexOf(div.dataset.value);",
          "  const rows = t.rows.slice(0, 12), max = Math.max(1, ...rows.map(r => r[vi]));",
          "  const w = 460, bh = 20, lw = 170;",
          "  const svg = el('svg', {width: w, height: rows.length * bh + 4, role: 'img'}, div);",
          "  rows.forEach((r, i) => {",
          "    const y = i * bh;",
          "    el('text', {x: lw - 6, y: y + 14, 'text-anchor': 'end', 'font-size': 12}, svg).textContent = r[li];",
          "    const bw = Math.max(1, (w - lw - 60) * r[vi] / max);",
          "    el('rect', {x: lw, y: y + 2, width: bw, height: bh - 6, fill: COLORS[i % COLORS.length]}, svg);",
          "    el('text', {x: lw + bw + 4, y: y + 14, 'font-size': 12}, svg).textContent = r[vi].toLocaleString();",
          "  });",
          "}",
          "function lines(div) {",
          "  const t = data.timeline, si = 0, li = 1, vi = 2;",
          "  const series = {};",
          "  t.rows.forEach(r => (series[r[li]] = series[r[li]] || []).push([r[si], r[vi]]));",
          "  const xs = t.rows.map(r => r[si]), x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);",
          "  const ymax = Math.max(1, ...t.rows.map(r => r[vi]));",
          "  const w = 900, h = 260, pad = 40;",
          "  const svg = el('svg', {width: w, height: h + 30, role: 'img'}, div);",
          "  const X = x => pad + (w - 2 * pad) * (x - x0) / (x1 - x0), Y = y => h - (h - pad) * y / ymax;",
          "  el('line', {x1: pad, y1: h, x2: w - pad, y2: h, stroke: '#999'}, svg);",
          "  el('line', {x1: pad, y1: pad, x2: pad, y2: h, stroke: '#999'}, svg);",
          "  el('text', {x: pad - 4, y: pad + 4, 'text-anchor': 'end', 'font-size': 11}, svg).textContent = ymax;",
          "  el('text', {x: pad, y: h + 14, 'font-size': 11}, svg).textContent = new Date(x0 * 1000).toISOString();",
          "  Object.keys(series).sort().forEach((name, i) => {",
          "    const pts = series[name].map(p => X(p[0]) + ',' + Y(p[1])).join(' ');",
          "    el('polyline', {points: pts, fill: 'none', stroke: COLORS[i % COLORS.length], 'stroke-width': 2, 'data-series': name}, svg);",
          "    el('rect', {x: pad + i * 110, y: h + 18, width: 10, height: 10, fill: COLORS[i % COLORS.length]}, svg);",
          "    el('text', {x: pad + i * 110 + 14, y: h + 27, 'font-size': 12}, svg).textContent = name;",
          "  });",
          "  const an = data.anomalies, step = 300;",
          "  an.rows.map(r => [Date.parse(r[0]) / 1000, r]).filter(([t, r]) => r[1].startsWith('location:') && t + step >= x0 && t <= x1).forEach(([t, r]) => {",
          "    const x = X(Math.max(x0, Math.min(x1, t)));",
          "    const m = el('line', {x1: x, y1: pad, x2: x, y2: h, stroke: '#d62728', 'stroke-dasharray': '4 3', class: 'spike-mark'}, svg);",
          "    el('title', {}, m).textContent = r[1] + ' ' + r[0] + ': ' + r[2] + ' (baseline ' + r[3] + ', score ' + r[4] + ', ' + r[5] + ')';",
          "  });",
          "}",
          "function scatter(div) {",
          "  const t = data[div.dataset.table], w = 640, h = 400, pad = 30;",
          "  const svg = el('svg', {width: w, height: h + 30, role: 'img'}, div);",
          "  const xs = t.rows.map(r => r[2]), ys = t.rows.map(r => r[3]);",
          "  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1e-9), y0 = Math.min(...ys), y1 = Math.max(...ys, y0 + 1e-9);",
          "  const X = x => pad + (w - 2 * pad) * (x - x0) / (x1 - x0), Y = y => h - pad - (h - 2 * pad) * (y - y0) / (y1 - y0);",
          "  el('line', {x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: '#999'}, svg);",
          "  el('line', {x1: pad, y1: pad, x2: pad, y2: h - pad, stroke: '#999'}, svg);",
          "  el('text', {x: w - pad, y: h - pad + 14, 'text-anchor': 'end', 'font-size': 11}, svg).textContent = 'PC1';",
          "  el('text', {x: pad + 4, y: pad, 'font-size': 11}, svg).textContent = 'PC2';",
          "  t.rows.forEach(r => {",
          "    const c = el('circle', {cx: X(r[2]), cy: Y(r[3]), r: 3, fill: COLORS[r[1] % COLORS.length], 'fill-opacity': 0.7}, svg);",
          "    el('title', {}, c).textContent = r[0] + ' (cluster ' + r[1] + ')';",
          "  });",
          "  [...new Set(t.rows.map(r => r[1]))].sort((a, b) => a - b).forEach((k, i) => {",
          "    el('rect', {x: pad + i * 90, y: h + 8, width: 10, height: 10, fill: COLORS[k % COLORS.length]}, svg);",
          "    el('text', {x: pad + i * 90 + 14, y: h + 17, 'font-size': 12}, svg).textContent = 'cluster ' + k;",
          "  });",
          "}",
          "const DRAW = {lines: lines, bars: bars, scatter: scatter};",
          "document.querySelectorAll('.chart').forEach(div => DRAW[div.dataset.kind](div));",
          "");
}
