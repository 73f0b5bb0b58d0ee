package org.pcap2hdfs.config;

/** An invalid setting; the message names the key. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(ConfigKey key, String problem) {
    this(key.name(), problem);
  }

  public ConfigException(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
