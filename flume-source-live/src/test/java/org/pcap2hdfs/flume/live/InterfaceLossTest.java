package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.testing.Waits;

/**
 * Real interfaces that are missing or disappear: a veth pair made with iproute2, deleted while the
 * source captures on it and made again. Root only; skipped otherwise unless CI=true.
 */
class InterfaceLossTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final String name = "p2h" + ThreadLocalRandom.current().nextInt(100_000, 999_999);

  @BeforeAll
  static void needsRoot() {
    CaptureHost.require(null);
  }

  @AfterEach
  void removeInterface() throws Exception {
    ip("link", "del", name); // may be gone already
  }

  @Test
  void aMissingInterfaceIsAClearError() {
    Map<String, String> m = new HashMap<>();
    m.put("interface", name);
    m.put("server", "ns1.test");
    m.put("schemaDir", dir.toString());
    assertThatThrownBy(() -> NativeCapture.open(new LiveSourceConfig(m)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("No such device");
  }

  @Test
  void aBadFilterIsAClearError() {
    Map<String, String> m = new HashMap<>();
    m.put("interface", "lo");
    m.put("server", "ns1.test");
    m.put("schemaDir", dir.toString());
    m.put("filter", "port fifty-three");
    assertThatThrownBy(() -> NativeCapture.open(new LiveSourceConfig(m)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("filter 'port fifty-three' rejected: ");
  }

  @Test
  void anInterfaceThatDisappearsIsReopenedWhenItComesBack() throws Exception {
    makeInterface();
    LiveHarness h =
        new LiveHarness(dir, "interface", name, "retryMinMs", "50", "retryMaxMs", "200")
            .start(null);
    LiveSourceCounter c = h.source.counter();
    Waits.until(WAIT, "the capture to open", () -> c.getCaptureOpens() == 1);
    assertThat(ip("link", "del", name)).isZero();
    Waits.until(WAIT, "the loss to be counted", () -> c.getInterfaceFailures() >= 1);
    Thread.sleep(300); // a few failed reopenings while it is gone
    assertThat(c.getCaptureOpens()).isEqualTo(1);
    makeInterface();
    Waits.until(WAIT, "the capture to reopen", () -> c.getCaptureOpens() == 2);
    long failures = c.getInterfaceFailures();
    h.stopAndTakeRows();
    assertThat(failures).isGreaterThanOrEqualTo(2); // the loss, then at least one failed reopening
    assertThat(c.getCaptureOpens()).isEqualTo(2);
  }

  private void makeInterface() throws Exception {
    assertThat(ip("link", "add", name, "type", "veth", "peer", "name", name + "b")).isZero();
    assertThat(ip("link", "set", name, "up")).isZero();
  }

  private static int ip(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
