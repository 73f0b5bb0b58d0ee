package org.pcap2hdfs.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flume.Context;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.conf.FlumeConfigurationError;
import org.apache.flume.conf.channel.ChannelType;
import org.apache.flume.conf.sink.SinkType;
import org.apache.flume.conf.source.SourceType;
import org.apache.flume.interceptor.InterceptorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.flume.PcapSourceConfig;
import org.pcap2hdfs.flume.PcapSpoolingSource;
import org.pcap2hdfs.flume.live.LiveSourceConfig;
import org.pcap2hdfs.flume.live.PcapLiveSource;
import org.pcap2hdfs.interceptor.EnrichmentInterceptor;
import org.pcap2hdfs.interceptor.Settings;
import org.pcap2hdfs.interceptor.customer.CustomerSettings;
import org.pcap2hdfs.interceptor.geo.GeoIpSettings;
import org.pcap2hdfs.interceptor.resolver.ResolverSettings;
import org.pcap2hdfs.staging.RowBlockSerializer;

/**
 * Every agent configuration shipped in {@code conf/} parses with Flume's own configuration classes
 * without errors, every component type resolves to a class in our jars or Flume's, and every key
 * set on one of our components is one the component reads (so a typo cannot pass silently).
 */
class ShippedAgentConfigsTest {
  private static final Path CONF = Path.of("../conf");

  static Stream<Path> agentConfigs() throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CONF)) {
      files
          .filter(
              p ->
                  p.toString().endsWith(".properties")
                      || p.getFileName().toString().equals("flume.conf"))
          .filter(p -> !p.toString().contains("/oozie/"))
          // The benchmark's agents use the command-line module's sink; AgentBenchCommandTest starts
          // real agents from them.
          .filter(p -> !p.toString().contains("/bench/"))
          .sorted()
          .forEach(out::add);
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(5);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("agentConfigs")
  void parsesAndResolves(Path file) throws Exception {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      props.load(r);
    }
    Map<String, String> map = new HashMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    String agent = map.keySet().iterator().next().split("\\.")[0];
    FlumeConfiguration conf = new FlumeConfiguration(map);
    List<String> errors =
        conf.getConfigurationErrors().stream()
            .filter(e -> e.getErrorOrWarning() == FlumeConfigurationError.ErrorOrWarning.ERROR)
            .map(e -> e.getComponentName() + ": " + e.getErrorType() + " " + e.getKey())
            .collect(Collectors.toList());
    assertThat(errors).as(file + " errors").isEmpty();
    FlumeConfiguration.AgentConfiguration a = conf.getConfigurationFor(agent);
    assertThat(a).as(file + " agent " + agent).isNotNull();

    for (Map.Entry<String, Context> s : a.getSourceContext().entrySet()) {
      String type = s.getValue().getString("type");
      Class<?> c = resolve(type, t -> SourceType.valueOf(t).getSourceClassName());
      if (c == PcapSpoolingSource.class) {
        assertKnownKeys(file, s.getKey(), s.getValue(), sourceKeys());
      }
      if (c == PcapLiveSource.class) {
        assertKnownKeys(file, s.getKey(), s.getValue(), keys(LiveSourceConfig.keys()));
      }
      checkInterceptors(file, s.getValue());
    }
    for (Map.Entry<String, Context> c : a.getChannelContext().entrySet()) {
      resolve(c.getValue().getString("type"), t -> ChannelType.valueOf(t).getChannelClassName());
    }
    for (Map.Entry<String, Context> k : a.getSinkContext().entrySet()) {
      resolve(k.getValue().getString("type"), t -> SinkType.valueOf(t).getSinkClassName());
      String serializer = k.getValue().getString("serializer");
      if (serializer != null && serializer.contains(".")) {
        Class.forName(
            serializer.replace("$Builder", "") + "$Builder", false, getClass().getClassLoader());
      }
      if (RowBlockSerializer.Builder.class.getName().equals(serializer)) {
        Context keys = new Context(k.getValue().getSubProperties("serializer."));
        Set<String> known = new HashSet<>();
        RowBlockSerializer.keys().forEach(key -> known.add(key.name()));
        assertThat(known)
            .as(file + " sink " + k.getKey() + " serializer keys")
            .containsAll(keys.getParameters().keySet());
      }
    }
    // A source that sends row blocks and a local HDFS sink: the sink must write them as rows.
    boolean blocks =
        a.getSourceContext().values().stream().anyMatch(s -> s.getInteger("rowsPerEvent", 1) > 1);
    for (Map.Entry<String, Context> k : a.getSinkContext().entrySet()) {
      if (blocks && "hdfs".equals(k.getValue().getString("type"))) {
        assertThat(k.getValue().getString("serializer"))
            .as(file + " sink " + k.getKey() + " of row blocks")
            .isEqualTo(RowBlockSerializer.Builder.class.getName());
      }
    }
  }

  private void checkInterceptors(Path file, Context source) throws Exception {
    String names = source.getString("interceptors");
    if (names == null) {
      return;
    }
    for (String name : names.trim().split("\\s+")) {
      String type = source.getString("interceptors." + name + ".type");
      Class<?> c = resolve(type, t -> InterceptorType.valueOf(t).getBuilderClass().getName());
      if (c.getName().startsWith("org.pcap2hdfs.")) {
        Map<String, String> keys =
            new Context(source.getSubProperties("interceptors." + name + ".")).getParameters();
        Set<String> known = new HashSet<>(interceptorKeys());
        for (String key : keys.keySet()) {
          String bare =
              c.getEnclosingClass() == EnrichmentInterceptor.class
                  ? key.replaceFirst("^(geoip|customer|resolver)\\.", "")
                  : key;
          assertThat(known).as(file + " interceptor " + name + " key " + key).contains(bare);
        }
      }
    }
  }

  private static void assertKnownKeys(Path file, String name, Context ctx, Set<String> known) {
    for (String key : ctx.getParameters().keySet()) {
      if (key.startsWith("interceptors") || key.startsWith("selector")) {
        continue;
      }
      if (key.startsWith("privacy.enrich.") && !known.contains(key)) {
        // full-address enrichment in the source: the combined interceptor's keys
        String bare = key.substring("privacy.enrich.".length());
        bare = bare.replaceFirst("^(geoip|customer|resolver)\\.", "");
        try {
          assertThat(interceptorKeys()).as(file + " source " + name + " key " + key).contains(bare);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        continue;
      }
      assertThat(known).as(file + " source " + name + " key " + key).contains(key);
    }
  }

  private static Set<String> sourceKeys() {
    return keys(PcapSourceConfig.keys());
  }

  private static Set<String> keys(List<ConfigKey> declared) {
    Set<String> keys = new HashSet<>(Set.of("type", "channels"));
    for (ConfigKey k : declared) {
      keys.add(k.name());
    }
    return keys;
  }

  private static Set<String> interceptorKeys() throws Exception {
    Set<String> keys = new HashSet<>(Set.of("type"));
    for (Class<?> c :
        new Class<?>[] {
          Settings.class,
          EnrichmentInterceptor.class,
          GeoIpSettings.class,
          CustomerSettings.class,
          ResolverSettings.class
        }) {
      for (Field f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class
            && !f.getName().startsWith("DEFAULT_")) {
          keys.add((String) f.get(null));
        }
      }
    }
    return keys;
  }

  private interface Alias {
    String className(String upper) throws Exception;
  }

  private Class<?> resolve(String type, Alias alias) throws Exception {
    assertThat(type).isNotBlank();
    String className = type;
    if (!type.contains(".")) {
      className = alias.className(type.toUpperCase(Locale.ENGLISH));
    }
    return Class.forName(className, false, getClass().getClassLoader());
  }
}
