package org.pcap2hdfs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed, validated reads of a component's settings (a Flume {@code Context}'s parameters). Every
 * failure names the key and the bad value.
 */
public final class Settings {
  private final Map<String, String> values;

  public Settings(Map<String, String> values) {
    this.values = values;
  }

  public String raw(ConfigKey key) {
    String v = values.get(key.name());
    if (v == null) {
      return key.defaultValue();
    }
    v = v.trim();
    return v.isEmpty() ? key.defaultValue() : v;
  }

  public String string(ConfigKey key) {
    return raw(key);
  }

  public String required(ConfigKey key) {
    String v = raw(key);
    if (v == null) {
      throw new ConfigException(key, "is required");
    }
    return v;
  }

  public long longValue(ConfigKey key, long min, long max) {
    String v = raw(key);
    if (v == null) {
      throw new ConfigException(key, "is required");
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  public int intValue(ConfigKey key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  public boolean bool(ConfigKey key) {
    String v = raw(key);
    if ("true".equalsIgnoreCase(v)) {
      return true;
    }
    if ("false".equalsIgnoreCase(v)) {
      return false;
    }
    throw new ConfigException(key, "must be true or false, not '" + v + "'");
  }

  /** One of {@code allowed} (case-insensitive), returned lower-case. */
  public String choice(ConfigKey key, String... allowed) {
    String v = raw(key);
    String lower = v == null ? null : v.toLowerCase(Locale.ENGLISH);
    for (String a : allowed) {
      if (a.equals(lower)) {
        return a;
      }
    }
    throw new ConfigException(
        key, "must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
  }

  public Pattern pattern(ConfigKey key) {
    String v = raw(key);
    if (v == null) {
      return null;
    }
    try {
      return Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key, "is not a valid regular expression: " + e.getDescription());
    }
  }

  /** Whitespace- or comma-separated ports. */
  public List<Integer> ports(ConfigKey key) {
    String v = required(key);
    List<Integer> ports = new ArrayList<>();
    for (String p : v.split("[\\s,]+")) {
      if (p.isEmpty()) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "must list port numbers, not '" + p + "'");
      }
      if (port < 1 || port > 65535) {
        throw new ConfigException(key, "port " + port + " is not between 1 and 65535");
      }
      ports.add(port);
    }
    if (ports.isEmpty()) {
      throw new ConfigException(key, "must list at least one port");
    }
    return ports;
  }
}
