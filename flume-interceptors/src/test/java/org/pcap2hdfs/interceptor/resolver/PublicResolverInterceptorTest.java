package org.pcap2hdfs.interceptor.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.pcap2hdfs.interceptor.TestEvents.context;
import static org.pcap2hdfs.interceptor.TestEvents.counter;
import static org.pcap2hdfs.interceptor.TestEvents.decode;
import static org.pcap2hdfs.interceptor.TestEvents.event;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flume.FlumeException;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.row.Fields;

class PublicResolverInterceptorTest {
  /** The snapshot shipped in conf/. */
  static final Path SHIPPED = Paths.get("../conf/resolvers/public-resolvers.txt").toAbsolutePath();

  private static Interceptor start(String... keyValues) {
    PublicResolverInterceptor.Builder b = new PublicResolverInterceptor.Builder();
    b.configure(context(keyValues));
    Interceptor i = b.build();
    i.initialize();
    return i;
  }

  private static String resolverOf(Interceptor i, String src) {
    return decode(i.intercept(event(src, null, "www.example.ca"))).getString(Fields.PUB_RESOLVER);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "74.125.186.5, Google",
        "172.253.255.1, Google",
        "173.194.169.16, Google",
        "8.8.8.8, none",
        "162.158.1.1, Cloudflare",
        "172.70.0.9, Cloudflare",
        "2400:cb00:2049:1::a29f:1a4d, Cloudflare",
        "2a06:98c7::1, Cloudflare",
        "9.9.9.11, Quad9",
        "208.67.222.222, OpenDNS",
        "146.112.81.5, OpenDNS",
        "81.2.69.142, none",
        "2001:218::14, none",
        "not-an-address, none"
      })
  void marksClientsInTheShippedSnapshot(String src, String operator) {
    Interceptor resolvers = start("prefixFiles", SHIPPED.toString());
    try {
      assertThat(resolverOf(resolvers, src)).isEqualTo(operator);
    } finally {
      resolvers.close();
    }
  }

  @Test
  void theMostSpecificPrefixOfSeveralFilesWins(@TempDir Path dir) throws Exception {
    Path wide = dir.resolve("wide.txt");
    Path narrow = dir.resolve("narrow.txt");
    Files.write(
        wide,
        "# ours\n10.0.0.0/8   Wide Net Resolver\n\n2001:db8::/32 Wide\n"
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        narrow,
        "10.1.0.0/16 Narrow  # a comment\n10.1.2.3 Host\n2001:db8:1::/48 Narrow6\n"
            .getBytes(StandardCharsets.UTF_8));
    Interceptor resolvers =
        start("prefixFiles", wide + " , " + narrow, "counterGroup", "resolver-nested");
    try {
      assertThat(resolverOf(resolvers, "10.200.0.1")).isEqualTo("Wide Net Resolver");
      assertThat(resolverOf(resolvers, "10.1.200.1")).isEqualTo("Narrow");
      assertThat(resolverOf(resolvers, "10.1.2.3")).isEqualTo("Host");
      assertThat(resolverOf(resolvers, "10.1.2.4")).isEqualTo("Narrow");
      assertThat(resolverOf(resolvers, "2001:db8:1:ffff::1")).isEqualTo("Narrow6");
      assertThat(resolverOf(resolvers, "2001:db8:2::1")).isEqualTo("Wide");
      assertThat(resolverOf(resolvers, "11.0.0.1")).isNull();
      assertThat(resolverOf(resolvers, "10.1.2.3")).isEqualTo("Host");
      assertThat(counter("resolver-nested", "CacheHits")).isEqualTo(1);
      assertThat(counter("resolver-nested", "LookupsMissed")).isEqualTo(1);
      assertThat(counter("resolver-nested", "RowsEnriched")).isEqualTo(7);
    } finally {
      resolvers.close();
    }
  }

  @Test
  void aBadPrefixListFailsAtConfigureNamingKeyFileAndLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, "10.0.0.0/8 Ok\n10.0.0.0/33 TooLong\n".getBytes(StandardCharsets.UTF_8));
    Throwable t =
        catchThrowable(
            () ->
                new PublicResolverInterceptor.Builder()
                    .configure(context("prefixFiles", bad.toString())));
    assertThat(t)
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("prefixFiles")
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("line 2");

    Files.write(bad, "10.0.0.0/8\n".getBytes(StandardCharsets.UTF_8));
    assertThat(
            catchThrowable(
                () ->
                    new PublicResolverInterceptor.Builder()
                        .configure(context("prefixFiles", bad.toString()))))
        .hasMessageContaining("line 1")
        .hasMessageContaining("no operator name");

    assertThat(
            catchThrowable(
                () ->
                    new PublicResolverInterceptor.Builder()
                        .configure(context("prefixFiles", dir.resolve("missing.txt").toString()))))
        .hasMessageContaining("prefixFiles")
        .hasMessageContaining("missing.txt");
    assertThat(catchThrowable(() -> new PublicResolverInterceptor.Builder().configure(context())))
        .hasMessageContaining("prefixFiles")
        .hasMessageContaining("required");
  }
}
