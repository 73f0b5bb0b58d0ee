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
    Path log = dir.resolve("run.log");
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
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("== Totals").containsPattern("(?m)^24,843 +24,843 ");
  }
}
