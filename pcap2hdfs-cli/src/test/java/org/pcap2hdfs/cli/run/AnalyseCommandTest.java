package org.pcap2hdfs.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.cli.Main;

/** {@code analyse} over a warehouse of two real captures: clusters their domains, twice alike. */
class AnalyseCommandTest {
  @TempDir Path dir;

  @Test
  void clustersTheDomainsOfRealCapturesDeterministically() throws Exception {
    Path warehouse = SmallWarehouse.write(dir.resolve("warehouse"));
    String first = analyse(warehouse);
    assertThat(first)
        .contains(": 0 points judged, 0 flagged")
        .containsPattern("domains in \\d+ clusters");
    assertThat(first.replaceAll("[0-9.]+ s\\)", ""))
        .isEqualTo(analyse(warehouse).replaceAll("[0-9.]+ s\\)", ""));
  }

  @Test
  void anEmptyWarehouseIsAClearError() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Path empty = dir.resolve("empty");
      java.nio.file.Files.createDirectories(empty.resolve("year=2026/month=1/day=1/server=ns1"));
      int code = Main.run("analyse", "--warehouse", empty.toString());
      assertThat(code).isEqualTo(1);
      assertThat(buf.toString(StandardCharsets.UTF_8))
          .startsWith("analyse: ")
          .contains("No files found");
    } finally {
      System.setErr(err);
    }
  }

  private static String analyse(Path warehouse) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              Main.run(
                  "analyse",
                  "--warehouse",
                  warehouse.toString(),
                  "-D",
                  "pcap2hdfs.clusters.min.queries=1"))
          .isZero();
    } finally {
      System.setOut(out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
