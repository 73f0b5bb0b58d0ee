package org.pcap2hdfs.flume.live;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real authoritative server (NSD from Debian) on 127.0.0.1 and a free port, serving one zone from
 * a temp dir, run in the foreground as a child process.
 */
public final class NsdServer implements AutoCloseable {
  public static final String ZONE = "example.test";
  public static final Path BINARY = Path.of("/usr/sbin/nsd");

  public final int port;
  private final Process process;
  private final Path log;

  private NsdServer(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public static NsdServer start(Path dir) throws IOException {
    int port = freePort();
    Files.writeString(
        dir.resolve(ZONE + ".zone"),
        String.join(
            "\n",
            "$ORIGIN " + ZONE + ".",
            "$TTL 300",
            "@ IN SOA ns1 hostmaster 1 3600 600 86400 300",
            "@ IN NS ns1",
            "ns1 IN A 127.0.0.1",
            "www IN A 192.0.2.10",
            "mail IN AAAA 2001:db8::25",
            "txt IN TXT \"hello\"",
            ""));
    Files.writeString(
        dir.resolve("nsd.conf"),
        String.join(
            "\n",
            "server:",
            "  ip-address: 127.0.0.1@" + port,
            "  port: " + port,
            "  username: \"\"",
            "  chroot: \"\"",
            "  zonesdir: \"" + dir + "\"",
            "  database: \"\"",
            "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
            "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
            "  xfrdir: \"" + dir + "\"",
            "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
            "  logfile: \"" + dir.resolve("nsd.log") + "\"",
            "  server-count: 1",
            "  hide-version: yes",
            "  rrl-ratelimit: 0", // no response rate limiting: the load run comes from one address
            "remote-control:",
            "  control-enable: no",
            "zone:",
            "  name: " + ZONE,
            "  zonefile: " + ZONE + ".zone",
            ""));
    Path log = dir.resolve("nsd.out");
    Process p =
        new ProcessBuilder(BINARY.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new NsdServer(port, p, log);
  }

  /** A port free for both UDP and TCP on 127.0.0.1 (NSD binds both). */
  private static int freePort() throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, lo)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(port, lo)) {
          return port;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IOException("no free port for both UDP and TCP");
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
