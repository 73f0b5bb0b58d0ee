package org.pcap2hdfs.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A configuration key declared once: its name, default (as written in a properties file; null when
 * required or unset) and a one-line doc. Components list their keys, so the README's tables can be
 * checked against the code.
 */
public final class ConfigKey {
  private final String name;
  private final String defaultValue;
  private final String doc;

  private ConfigKey(String name, String defaultValue, String doc) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.doc = doc;
  }

  public static ConfigKey of(String name, String defaultValue, String doc) {
    return new ConfigKey(name, defaultValue, doc);
  }

  public String name() {
    return name;
  }

  /** The default as a properties value, or null when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Collects the keys of one component, in declaration order. */
  public static final class Registry {
    private final List<ConfigKey> keys = new ArrayList<>();

    public ConfigKey add(String name, String defaultValue, String doc) {
      ConfigKey k = of(name, defaultValue, doc);
      keys.add(k);
      return k;
    }

    /** A key declared by another component that this one reads too, with the same meaning. */
    public ConfigKey add(ConfigKey shared) {
      keys.add(shared);
      return shared;
    }

    public List<ConfigKey> keys() {
      return Collections.unmodifiableList(keys);
    }
  }
}
