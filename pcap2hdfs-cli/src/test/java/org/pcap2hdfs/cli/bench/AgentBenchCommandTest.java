package org.pcap2hdfs.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.cli.synth.CaptureGenerator;
import org.pcap2hdfs.cli.synth.CaptureWriter;
import org.pcap2hdfs.cli.synth.GeneratorConfig;
import org.pcap2hdfs.cli.synth.GroundTruth;
import picocli.CommandLine;

/** bench-agent runs a real agent over every server folder and waits for every event. */
class AgentBenchCommandTest {
  private static final Pattern DELIVERED = Pattern.compile("all (\\d+) rows delivered");

  @TempDir static Path dir;
  private static Path capture;
  private static GroundTruth truth;

  @BeforeAll
  static void generate() throws Exception {
    System.setProperty("pcap2hdfs.home", Path.of("..").toAbsolutePath().normalize().toString());
    capture = dir.resolve("g.pcap");
    try (OutputStream file = Files.newOutputStream(capture);
        CaptureWriter w = new CaptureWriter(file)) {
      truth =
          new CaptureGenerator(
                  GeneratorConfig.of(8_000, 11, 20_000, GeneratorConfig.Mode.REALISTIC))
              .write(w);
    }
  }

  @ParameterizedTest
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @CsvSource({"null,1", "null,1000", "hdfs,1", "hdfs,1000"})
  void everyServersQueriesReachTheSink(String sink, int rowsPerEvent) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new AgentBenchCommand())
              .execute(
                  "--sink",
                  sink,
                  "--servers",
                  "2",
                  "--threads",
                  "2",
                  "--rounds",
                  "1",
                  "--rows-per-event",
                  Integer.toString(rowsPerEvent),
                  "--work",
                  dir.resolve("work-" + sink + "-" + rowsPerEvent).toString(),
                  capture.toString());
    } finally {
      System.setOut(stdout);
    }
    String report = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(report).isZero();
    Matcher m = DELIVERED.matcher(report);
    assertThat(m.find()).as(report).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(2 * truth.queries);
  }
}
