package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * The packaged (shaded) jar as a Flume agent loads it from plugins.d: self-contained for GeoIP (no
 * maxmind or unrelocated Jackson reference), and working in a class loader that has no
 * geoip2/maxmind-db jars.
 */
class ShadedJarIT {
  private static File shadedJar() {
    File dir = new File("target");
    File[] jars =
        dir.listFiles(
            f ->
                f.getName().startsWith("flume-interceptors-")
                    && f.getName().endsWith(".jar")
                    && !f.getName().endsWith("-tests.jar")
                    && !f.getName().startsWith("original-"));
    assertThat(jars).as("packaged jar in target/").hasSize(1);
    return jars[0];
  }

  @Test
  void carriesOnlyOurClassesAndRelocatedDependencies() throws Exception {
    int classes = 0;
    try (JarFile jar = new JarFile(shadedJar())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        classes++;
        assertThat(entry.getName()).startsWith("org/pcap2hdfs/");
        try (InputStream in = jar.getInputStream(entry)) {
          String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
          // class references are in internal (slash) form; Jackson keeps a bare "com.fasterxml."
          // string literal to recognise its own types, which refers to no class
          for (String pkg : new String[] {"com/fasterxml/", "com/maxmind/"}) {
            assertThat(unrelocated(constants, pkg))
                .as(entry.getName() + " refers to " + pkg)
                .isFalse();
          }
        }
      }
    }
    assertThat(classes).isGreaterThan(1000);
  }

  /** True when {@code pkg} occurs other than under our shaded prefix. */
  private static boolean unrelocated(String constants, String pkg) {
    String shaded = "org/pcap2hdfs/shaded/";
    for (int i = constants.indexOf(pkg); i >= 0; i = constants.indexOf(pkg, i + 1)) {
      if (i < shaded.length() || !constants.startsWith(shaded, i - shaded.length())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void looksUpAddressesWithoutGeoip2OrMaxmindJarsOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(shadedJar().toURI().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      boolean ours = entry.contains("flume-interceptors");
      boolean maxmind = entry.contains(File.separator + "maxmind");
      if (!ours && !maxmind) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader agent =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThat(agent.getResource("com/maxmind/geoip2/DatabaseReader.class")).isNull();
      Class<?> contextClass = agent.loadClass("org.apache.flume.Context");
      Object context = contextClass.getConstructor().newInstance();
      Method put = contextClass.getMethod("put", String.class, String.class);
      put.invoke(
          context,
          "locationDatabase",
          TestEvents.resource("geoip/GeoIP2-City-Test.mmdb").toString());
      put.invoke(
          context, "asnDatabase", TestEvents.resource("geoip/GeoLite2-ASN-Test.mmdb").toString());
      Class<?> builderClass =
          agent.loadClass("org.pcap2hdfs.interceptor.geo.GeoIpInterceptor$Builder");
      Object builder = builderClass.getConstructor().newInstance();
      builderClass.getMethod("configure", contextClass).invoke(builder, context);
      Object interceptor = builderClass.getMethod("build").invoke(builder);
      Class<?> interceptorClass = agent.loadClass("org.apache.flume.interceptor.Interceptor");
      Class<?> eventClass = agent.loadClass("org.apache.flume.Event");
      interceptorClass.getMethod("initialize").invoke(interceptor);

      byte[] body = TestEvents.event("89.160.20.112", null, "www.example.ca").getBody();
      Object event =
          agent
              .loadClass("org.apache.flume.event.EventBuilder")
              .getMethod("withBody", byte[].class)
              .invoke(null, (Object) body);
      Object out = interceptorClass.getMethod("intercept", eventClass).invoke(interceptor, event);
      byte[] enriched = (byte[]) eventClass.getMethod("getBody").invoke(out);
      interceptorClass.getMethod("close").invoke(interceptor);

      Row row = TestEvents.decode(org.apache.flume.event.EventBuilder.withBody(enriched));
      assertThat(row.getString(Fields.CITY)).isEqualTo("Linköping");
      assertThat(row.getString(Fields.ASN_ORGANISATION)).isEqualTo("Bredband2 AB");
    }
  }
}
