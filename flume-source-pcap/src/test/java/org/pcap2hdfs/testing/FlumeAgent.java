package org.pcap2hdfs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flume.Source;
import org.apache.flume.SourceRunner;
import org.apache.flume.node.Application;
import org.apache.flume.node.MaterializedConfiguration;
import org.apache.flume.node.PropertiesFileConfigurationProvider;
import org.pcap2hdfs.config.PropertiesTemplate;

/**
 * A real Flume agent in-process: {@code org.apache.flume.node.Application} over a properties file
 * from {@code conf/}, its {@code ${NAME}} values substituted, plus test overrides appended.
 */
public final class FlumeAgent implements AutoCloseable {
  private final Application application;
  private final MaterializedConfiguration configuration;

  private FlumeAgent(Application application, MaterializedConfiguration configuration) {
    this.application = application;
    this.configuration = configuration;
  }

  /** The repository's {@code conf/} directory, from a module's working directory. */
  public static Path conf(String relative) {
    Path p = Path.of("..", "conf").resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("missing " + p.toAbsolutePath());
    }
    return p;
  }

  public static FlumeAgent start(
      Path template,
      String agent,
      Map<String, String> variables,
      Map<String, String> overrides,
      Path workDir)
      throws IOException {
    StringBuilder out = new StringBuilder(PropertiesTemplate.fill(template, variables));
    out.append("\n# test overrides\n");
    overrides.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
    Path file = workDir.resolve("agent-" + System.nanoTime() + ".properties");
    Files.writeString(file, out);
    PropertiesFileConfigurationProvider provider =
        new PropertiesFileConfigurationProvider(agent, file.toFile());
    MaterializedConfiguration configuration = provider.getConfiguration();
    Application application = new Application();
    application.handleConfigurationEvent(configuration);
    application.start();
    return new FlumeAgent(application, configuration);
  }

  @SuppressWarnings("unchecked")
  public <T extends Source> T source(String name) {
    SourceRunner runner = configuration.getSourceRunners().get(name);
    if (runner == null) {
      throw new IllegalStateException(
          "no source " + name + " in " + configuration.getSourceRunners().keySet());
    }
    return (T) runner.getSource();
  }

  @Override
  public void close() {
    application.stop();
  }
}
