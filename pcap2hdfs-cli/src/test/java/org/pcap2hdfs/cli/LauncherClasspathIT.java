package org.pcap2hdfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on the classpath the launcher uses ({@code target/lib}, made by the
 * package phase), not on the test classpath: a dependency that only tests declare is missing here.
 */
class LauncherClasspathIT {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void runOnTheBundledSamplesWorksFromTargetLib() throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-Dpcap2hdfs.home=" + HOME,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    Path.of("target", "lib").toAbsolutePath() + File.separator + "*",
                    "org.pcap2hdfs.cli.Main",
                    "run",
                    "--out",
                    dir.resolve("out").toString()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String report = Files.readString(stdout, StandardCharsets.UTF_8);
    String log = Files.readString(stderr, StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(log).isZero();
    // stdout is the report and nothing else (progress and Flume's chatter go to stderr).
    assertThat(report).startsWith("\n== Totals\n").containsPattern("(?m)^24,843 +24,843 ");
    assertThat(log).contains("run: done in");
  }
}
