package org.pcap2hdfs.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report rendered by headless Chromium (Debian's {@code chromium}): after its script has
 * run, every chart holds an SVG with drawn marks. Without Chromium the test is skipped on a
 * developer machine and fails when {@code CI=true}.
 */
class HtmlReportChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void chartsAreDrawn() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      assertThat(System.getenv("CI"))
          .as("CI=true needs Debian's chromium (.ci/run installs it)")
          .isNotEqualTo("true");
      assumeTrue(false, "chromium is not installed");
    }
    Path warehouse = SmallWarehouse.write(dir.resolve("warehouse"));
    WarehouseReport report = WarehouseReport.of(warehouse);
    LocalAggregates aggregates = LocalAggregates.of(warehouse, dir, null, null, null, null);
    aggregates.run();
    aggregates.addTo(report);
    // The captures span seconds, too little history for the detector: one flagged interval of a
    // location series is added to show that the timeline marks it.
    WarehouseReport.Table anomalies = report.tables.get("anomalies");
    assertThat(anomalies.rows).isEmpty();
    long second = ((Number) report.tables.get("timeline").rows.get(0).get(0)).longValue();
    anomalies.rows.add(
        List.of(
            java.time.Instant.ofEpochSecond(second).toString(),
            "location:ams",
            99L,
            10.0,
            12.5,
            "spike"));
    Path html = HtmlReport.write(report, dir.resolve("report.html"), "test");

    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                html.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String rendered = new String(dom, StandardCharsets.UTF_8);

    Matcher chart =
        Pattern.compile("<div class=\"chart\"[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(rendered);
    int charts = 0;
    while (chart.find()) {
      charts++;
      String body = chart.group(1);
      assertThat(body).as("chart " + charts + " has an SVG").contains("<svg");
      int marks = count(body, "<rect") + count(body, "<polyline") + count(body, "<circle");
      assertThat(marks).as("chart " + charts + " has drawn marks").isPositive();
    }
    assertThat(charts)
        .as("timeline, locations, customers, qtypes, rcodes, countries, clusters")
        .isEqualTo(7);
    assertThat(count(rendered, "<polyline")).as("one line per location").isEqualTo(2);
    assertThat(rendered)
        .contains("<h2>Per customer and day (aggregates database)</h2>")
        .contains("<h2>Per customer and month (aggregates database)</h2>");
    assertThat(count(rendered, "class=\"spike-mark\"")).as("the flagged interval").isEqualTo(1);
    assertThat(count(rendered, "<circle"))
        .as("one point per clustered domain")
        .isEqualTo(report.tables.get("cluster_points").rows.size())
        .isPositive();
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
