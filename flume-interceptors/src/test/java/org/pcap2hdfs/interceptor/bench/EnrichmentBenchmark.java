package org.pcap2hdfs.interceptor.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.EnrichmentInterceptor;
import org.pcap2hdfs.interceptor.customer.CustomerInterceptor;
import org.pcap2hdfs.interceptor.geo.GeoIpInterceptor;
import org.pcap2hdfs.interceptor.resolver.PublicResolverInterceptor;
import org.pcap2hdfs.row.RowSchema;

/**
 * Throughput of the interceptors on one thread, on event bodies replayed from a decoded capture (an
 * Avro data file written by {@code pcap2hdfs decode --format avro}). Not a test: run it with {@code
 * flume-interceptors/bench.sh}. Prints min/median/max events/s over the measured passes.
 *
 * <p>Arguments: AVRO_FILE [passes=10] [warmup=5] [batch=100] [events per pass=500000]
 * [configurations=geoip,customer,resolver,chained,combined]. {@code bench.sh} runs each
 * configuration in a JVM of its own, as an agent would (one JVM running several would make the
 * stage call sites megamorphic and slow the later ones down).
 */
public final class EnrichmentBenchmark {
  private static final String CONF = "../conf/";
  private static final String GEO = "src/test/resources/geoip/";

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: EnrichmentBenchmark AVRO_FILE [passes] [warmup] [batch] [events]");
      System.exit(2);
    }
    List<byte[]> bodies = readBodies(new File(args[0]));
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int perPass = args.length > 4 ? Integer.parseInt(args[4]) : 500_000;
    List<String> configurations =
        Arrays.asList(
            (args.length > 5 ? args[5] : "geoip,customer,resolver,chained,combined").split(","));
    System.out.printf(
        Locale.ROOT,
        "%d bodies from %s, %d events per pass, batches of %d, %d warm-up + %d measured passes%n",
        bodies.size(),
        args[0],
        perPass,
        batch,
        warmup,
        passes);

    for (String configuration : configurations) {
      List<Interceptor> chain;
      switch (configuration) {
        case "geoip":
          chain = List.of(geo());
          break;
        case "customer":
          chain = List.of(customer());
          break;
        case "resolver":
          chain = List.of(resolver());
          break;
        case "chained":
          chain = List.of(geo(), customer(), resolver());
          break;
        case "combined":
          chain = List.of(combined());
          break;
        default:
          throw new IllegalArgumentException("unknown configuration " + configuration);
      }
      run(configuration, chain, bodies, passes, warmup, batch, perPass);
    }
  }

  /** Each record of the data file as the binary datum the source puts in an event body. */
  private static List<byte[]> readBodies(File avro) throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(RowSchema.get().avro());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = null;
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(avro, new GenericDatumReader<>(RowSchema.get().avro()))) {
      for (GenericRecord r : reader) {
        out.reset();
        enc = EncoderFactory.get().binaryEncoder(out, enc);
        writer.write(r, enc);
        enc.flush();
        bodies.add(out.toByteArray());
      }
    }
    return bodies;
  }

  private static void run(
      String name,
      List<Interceptor> chain,
      List<byte[]> bodies,
      int passes,
      int warmup,
      int batchSize,
      int perPass) {
    chain.forEach(Interceptor::initialize);
    // events are reused across passes; their bodies are reset to the original before each batch
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      batch.add(EventBuilder.withBody(bodies.get(0)));
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    double[] rates = new double[passes];
    double[] cpuRates = new double[passes];
    long checksum = 0;
    for (int pass = 0; pass < warmup + passes; pass++) {
      int next = 0;
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      for (int done = 0; done < perPass; done += batchSize) {
        for (int i = 0; i < batchSize; i++) {
          batch.get(i).setBody(bodies.get(next));
          next = next + 1 == bodies.size() ? 0 : next + 1;
        }
        List<Event> out = batch;
        for (Interceptor interceptor : chain) {
          out = interceptor.intercept(out);
        }
        checksum += out.get(0).getBody().length;
      }
      long nanos = System.nanoTime() - start;
      long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
      if (pass >= warmup) {
        rates[pass - warmup] = perPass * 1e9 / nanos;
        cpuRates[pass - warmup] = perPass * 1e9 / cpuNanos;
      }
    }
    chain.forEach(Interceptor::close);
    Arrays.sort(rates);
    Arrays.sort(cpuRates);
    System.out.printf(
        Locale.ROOT,
        "%-10s events/s wall: min %,10.0f median %,10.0f max %,10.0f | per CPU-second of the"
            + " thread: min %,10.0f median %,10.0f max %,10.0f (checksum %d)%n",
        name,
        rates[0],
        rates[rates.length / 2],
        rates[rates.length - 1],
        cpuRates[0],
        cpuRates[cpuRates.length / 2],
        cpuRates[cpuRates.length - 1],
        checksum);
  }

  private static Interceptor build(Interceptor.Builder b, String... keyValues) {
    Context c = new Context();
    for (int i = 0; i < keyValues.length; i += 2) {
      c.put(keyValues[i], keyValues[i + 1]);
    }
    b.configure(c);
    return b.build();
  }

  private static String path(String p) {
    Path path = Paths.get(p).toAbsolutePath().normalize();
    return path.toString();
  }

  private static String h2() {
    return "jdbc:h2:mem:bench;INIT=RUNSCRIPT FROM '"
        + path(CONF + "customers/customer-zones.sql")
        + "'";
  }

  private static Interceptor geo() {
    return build(
        new GeoIpInterceptor.Builder(),
        "locationDatabase",
        path(GEO + "GeoIP2-City-Test.mmdb"),
        "asnDatabase",
        path(GEO + "GeoLite2-ASN-Test.mmdb"));
  }

  private static Interceptor customer() {
    return build(new CustomerInterceptor.Builder(), "jdbcUrl", h2());
  }

  private static Interceptor resolver() {
    return build(
        new PublicResolverInterceptor.Builder(),
        "prefixFiles",
        path(CONF + "resolvers/public-resolvers.txt"));
  }

  private static Interceptor combined() {
    return build(
        new EnrichmentInterceptor.Builder(),
        "stages",
        "geoip customer resolver",
        "geoip.locationDatabase",
        path(GEO + "GeoIP2-City-Test.mmdb"),
        "geoip.asnDatabase",
        path(GEO + "GeoLite2-ASN-Test.mmdb"),
        "customer.jdbcUrl",
        h2(),
        "resolver.prefixFiles",
        path(CONF + "resolvers/public-resolvers.txt"));
  }
}
