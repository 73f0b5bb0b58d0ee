package org.pcap2hdfs.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.interceptor.testing.AgentEnrichment;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.Staged;

/**
 * The plugins.d tarball, unpacked next to the lib/ of a Flume 1.9.0 (CDH 6.3's line, Avro 1.7.4)
 * and a Flume 1.11.0 agent, run as a separate JVM: the source and the interceptors load from the
 * tarball alone and deliver enriched rows through a file_roll sink. The sink writes Flume's own
 * {@code avro_event} records (headers and body), so no Hadoop is needed on the agent: each body is
 * one datum of our schema, and every row equals decode's row enriched by the agent's interceptor
 * settings, every column.
 */
class PluginOnFlumeAgentsIT {
  private static final Path KNOT =
      Path.of(
          "../flume-source-pcap/src/test/resources/pcap/generated__knot-example.ca-geo.pcap.gz");
  private static final Path GEOIP = Path.of("../flume-interceptors/src/test/resources/geoip");
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"1.9.0", "1.11.0"})
  void loadsAndDeliversOnTheAgent(String flumeVersion) throws Exception {
    Path flumeLib = Path.of("flume-dist", flumeVersion, "target", "lib").toAbsolutePath();
    assertThat(flumeLib).isDirectory();
    Path plugin = unpack(Path.of(System.getProperty("plugin.tarball")));
    Path spool = Files.createDirectories(work.resolve("spool/ns1_ams"));
    Files.copy(KNOT, spool.resolve("dump.pcap.gz"));
    Path out = Files.createDirectories(work.resolve("out"));
    Path conf = writeAgentConfig(spool.getParent(), out);
    List<GenericRecord> expected = decodedAndEnriched(conf, spool.resolve("dump.pcap.gz"));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // Flume 1.9 logs through log4j 1.2, 1.11 through log4j 2: configure both to the agent log.
    command.add("-Dlog4j.configuration=" + writeLog4j().toUri());
    command.add("-cp");
    command.add(
        String.join(
            File.pathSeparator,
            flumeLib + "/*",
            plugin.resolve("lib") + "/*",
            plugin.resolve("libext") + "/*"));
    command.add("org.apache.flume.node.Application");
    command.addAll(List.of("-n", "a1", "-f", conf.toString(), "--no-reload-conf"));
    Process agent =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("agent.log").toFile())
            .start();
    List<GenericRecord> rows;
    try {
      rows = waitForRows(out, 24_843);
    } finally {
      agent.destroy();
      agent.waitFor();
    }
    assertThat(rows).hasSize(24_843);
    Staged.assertSameRows(rows, expected);
    Map<String, String> countryOf =
        rows.stream()
            .filter(r -> r.get("country") != null)
            .collect(
                Collectors.toMap(
                    r -> r.get("src").toString(), r -> r.get("country").toString(), (a, b) -> a));
    assertThat(countryOf).containsEntry("81.2.69.142", "GB").containsEntry("89.160.20.112", "SE");
  }

  /**
   * What decode makes of the capture, each row then run through an interceptor built from the
   * agent's own interceptor settings (its counter group renamed), as records of the schema.
   */
  private static List<GenericRecord> decodedAndEnriched(Path conf, Path capture) throws Exception {
    Properties agent = new Properties();
    try (java.io.Reader r = Files.newBufferedReader(conf)) {
      agent.load(r);
    }
    return AgentEnrichment.enrich(
        agent,
        "a1.sources.pcap.interceptors.enrich.",
        "expected-plugin-enrichment",
        DecodedRows.of("ns1", "ams", capture).datums);
  }

  private Path unpack(Path tarball) throws Exception {
    Path dir = Files.createDirectories(work.resolve("flume-home"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    Path plugin = dir.resolve("plugins.d/pcap2hdfs");
    try (Stream<Path> lib = Files.list(plugin.resolve("lib"));
        Stream<Path> libext = Files.list(plugin.resolve("libext"))) {
      assertThat(lib.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "flume-source-pcap-0.1.0-SNAPSHOT-plugin.jar",
              "flume-interceptors-0.1.0-SNAPSHOT.jar",
              "flume-source-live-0.1.0-SNAPSHOT.jar",
              "jna-5.17.0.jar");
      assertThat(libext.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .allMatch(n -> n.startsWith("postgresql") || n.startsWith("h2"));
    }
    return plugin;
  }

  private Path writeLog4j() throws Exception {
    return Files.writeString(
        work.resolve("log4j.properties"),
        "log4j.rootLogger=INFO, console\n"
            + "log4j.appender.console=org.apache.log4j.ConsoleAppender\n"
            + "log4j.appender.console.layout=org.apache.log4j.PatternLayout\n"
            + "log4j.appender.console.layout.ConversionPattern=%d %p [%t] %c{1} - %m%n\n");
  }

  private Path writeAgentConfig(Path spool, Path out) throws Exception {
    String props =
        String.join(
            "\n",
            "a1.sources = pcap",
            "a1.channels = mem",
            "a1.sinks = files",
            "a1.sources.pcap.type = org.pcap2hdfs.flume.PcapSpoolingSource",
            "a1.sources.pcap.channels = mem",
            "a1.sources.pcap.spoolDir = " + spool,
            "a1.sources.pcap.minFileAgeMs = 0",
            "a1.sources.pcap.pollDelay = 100",
            "a1.sources.pcap.idleFlushMs = 500",
            "a1.sources.pcap.schemaLiteral = true",
            "a1.sources.pcap.interceptors = enrich",
            "a1.sources.pcap.interceptors.enrich.type = org.pcap2hdfs.interceptor.EnrichmentInterceptor$Builder",
            "a1.sources.pcap.interceptors.enrich.stages = geoip resolver",
            "a1.sources.pcap.interceptors.enrich.geoip.locationDatabase = "
                + GEOIP.resolve("GeoIP2-City-Test.mmdb").toAbsolutePath(),
            "a1.sources.pcap.interceptors.enrich.geoip.asnDatabase = "
                + GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath(),
            "a1.sources.pcap.interceptors.enrich.resolver.prefixFiles = "
                + Path.of("../conf/resolvers/public-resolvers.txt").toAbsolutePath(),
            "a1.channels.mem.type = memory",
            "a1.channels.mem.capacity = 100000",
            "a1.channels.mem.transactionCapacity = 1000",
            "a1.sinks.files.type = file_roll",
            "a1.sinks.files.channel = mem",
            "a1.sinks.files.sink.directory = " + out,
            "a1.sinks.files.sink.rollInterval = 0",
            "a1.sinks.files.batchSize = 1000",
            "a1.sinks.files.sink.serializer = avro_event",
            "");
    return Files.writeString(work.resolve("agent.properties"), props);
  }

  /** Reads the sink's output until it holds {@code count} rows (the file is still open). */
  private List<GenericRecord> waitForRows(Path out, int count) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<GenericRecord> rows = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      rows = readAll(out);
      if (rows.size() >= count) {
        return rows;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out with "
            + rows.size()
            + " of "
            + count
            + " rows; agent log:\n"
            + Files.readString(work.resolve("agent.log")));
  }

  private static List<GenericRecord> readAll(Path out) throws Exception {
    List<GenericRecord> rows = new ArrayList<>();
    GenericDatumReader<GenericRecord> body = new GenericDatumReader<>(RowSchema.get().avro());
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        try (InputStream in = Files.newInputStream(f);
            DataFileStream<GenericRecord> events =
                new DataFileStream<>(in, new GenericDatumReader<>())) {
          while (events.hasNext()) {
            java.nio.ByteBuffer b = (java.nio.ByteBuffer) events.next().get("body");
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            rows.add(body.read(null, DecoderFactory.get().binaryDecoder(bytes, null)));
          }
        } catch (java.io.IOException | org.apache.avro.AvroRuntimeException e) {
          // a block still being written: read again later
        }
      }
    }
    return rows;
  }
}
