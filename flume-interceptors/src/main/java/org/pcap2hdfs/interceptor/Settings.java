package org.pcap2hdfs.interceptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Context;
import org.apache.flume.FlumeException;
import org.pcap2hdfs.flume.FlumeContexts;

/**
 * Typed, validated reads of an interceptor's Flume {@link Context}. Every failure names the key
 * (and the bad value), so the agent log says what to fix.
 */
public final class Settings {
  /** Name of the counter group in Flume's monitoring; several interceptors need distinct names. */
  public static final String COUNTER_GROUP = "counterGroup";

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Context context;
  private final String prefix;

  /**
   * @param prefix written before keys in messages, e.g. {@code "customer."} inside the combined
   *     interceptor; empty otherwise
   */
  public Settings(Context context, String prefix) {
    this.context = context;
    this.prefix = prefix;
  }

  public Settings sub(String stage) {
    return new Settings(
        new Context(FlumeContexts.subProperties(context, stage + ".")), prefix + stage + ".");
  }

  public FlumeException invalid(String key, String problem) {
    return new FlumeException("interceptor setting " + prefix + key + ": " + problem);
  }

  public FlumeException invalid(String key, String problem, Throwable cause) {
    return new FlumeException("interceptor setting " + prefix + key + ": " + problem, cause);
  }

  /** The trimmed value, or null when unset or blank. */
  public String optional(String key) {
    String v = context.getString(key);
    return v == null || v.trim().isEmpty() ? null : v.trim();
  }

  public String string(String key, String defaultValue) {
    String v = optional(key);
    return v == null ? defaultValue : v;
  }

  public String required(String key) {
    String v = optional(key);
    if (v == null) {
      throw invalid(key, "is required");
    }
    return v;
  }

  public long longAtLeast(String key, long defaultValue, long min) {
    String v = optional(key);
    if (v == null) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(key, "'" + v + "' is not a whole number");
    }
    if (n < min) {
      throw invalid(key, n + " is below the minimum " + min);
    }
    return n;
  }

  public int intAtLeast(String key, int defaultValue, int min) {
    long n = longAtLeast(key, defaultValue, min);
    if (n > Integer.MAX_VALUE) {
      throw invalid(key, n + " is too large");
    }
    return (int) n;
  }

  /** An enum constant, matched case-insensitively by name. */
  public <E extends Enum<E>> E choice(String key, E defaultValue) {
    String v = optional(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Enum.valueOf(defaultValue.getDeclaringClass(), v.toUpperCase(Locale.ENGLISH));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : defaultValue.getDeclaringClass().getEnumConstants()) {
        allowed
            .append(allowed.length() == 0 ? "" : ", ")
            .append(c.name().toLowerCase(Locale.ENGLISH));
      }
      throw invalid(key, "'" + v + "' is not one of " + allowed);
    }
  }

  /** A path to an existing, readable regular file, or null when the key is unset. */
  public Path readableFile(String key) {
    String v = optional(key);
    if (v == null) {
      return null;
    }
    Path p = Paths.get(v);
    if (!Files.isRegularFile(p)) {
      throw invalid(key, "file " + p.toAbsolutePath() + " does not exist or is not a file");
    }
    if (!Files.isReadable(p)) {
      throw invalid(key, "file " + p.toAbsolutePath() + " is not readable");
    }
    return p;
  }

  /** The counter group name: {@link #COUNTER_GROUP} if set, else {@code kind-N}. */
  public String counterGroup(String kind) {
    return string(COUNTER_GROUP, kind + "-" + INSTANCES.incrementAndGet());
  }
}
