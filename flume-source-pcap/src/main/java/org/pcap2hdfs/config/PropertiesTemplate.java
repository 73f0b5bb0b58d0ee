package org.pcap2hdfs.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent properties file with {@code ${NAME}} placeholders (the syntax Flume resolves from the
 * environment with {@code EnvVarResolverProperties}), filled from a map. Comment lines are dropped;
 * a placeholder without a value is an error naming it.
 */
public final class PropertiesTemplate {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

  private PropertiesTemplate() {}

  public static String fill(Path template, Map<String, String> values) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(template)) {
      if (line.trim().startsWith("#")) {
        continue;
      }
      Matcher m = VARIABLE.matcher(line);
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in " + template);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      out.append('\n');
    }
    return out.toString();
  }
}
