package org.pcap2hdfs.analytics.anomaly;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The spike detector's settings: every key declared once here with its default and a one-line doc,
 * read from a string map (properties, {@code -D} arguments) and validated with messages that name
 * the key.
 */
public final class SpikeConfig {
  private static final String P = "pcap2hdfs.spikes.";

  /** Table (or view) of the warehouse the series are computed from. */
  public static final String TABLE = P + "table";

  public static final String DEFAULT_TABLE = "queries";

  /** Bucket length of the series: {@code 5m}, {@code 1h} (s, m, h; divides a day). */
  public static final String INTERVAL = P + "interval";

  public static final String DEFAULT_INTERVAL = "5m";

  /** Days of history the baseline of a point is drawn from (the same interval of day). */
  public static final String HISTORY_DAYS = P + "history.days";

  public static final int DEFAULT_HISTORY_DAYS = 7;

  /** Neighbouring intervals of day on each side also drawn into the baseline. */
  public static final String NEIGHBOUR_SLOTS = P + "neighbour.slots";

  public static final int DEFAULT_NEIGHBOUR_SLOTS = 1;

  /** A point is scored only with at least this many days of history (else it is not judged). */
  public static final String MIN_HISTORY_DAYS = P + "min.history.days";

  public static final int DEFAULT_MIN_HISTORY_DAYS = 3;

  /** |score| at or above which a point is {@code high}. */
  public static final String HIGH_SCORE = P + "high.score";

  public static final double DEFAULT_HIGH_SCORE = 4.5;

  /** |score| at or above which a point is {@code spike}. */
  public static final String SPIKE_SCORE = P + "spike.score";

  public static final double DEFAULT_SPIKE_SCORE = 10;

  /**
   * Smallest robust scale (queries per interval): keeps near-empty series, whose MAD is 0, from
   * turning a handful of queries into a spike.
   */
  public static final String MIN_SCALE = P + "min.scale";

  public static final double DEFAULT_MIN_SCALE = 5;

  /** Sources (and separately /24 or /48 prefixes) kept: the top N by total and by peak interval. */
  public static final String TOP_SOURCES = P + "top.sources";

  public static final int DEFAULT_TOP_SOURCES = 20;

  /** Query types kept: the top N by total and by peak interval. */
  public static final String TOP_QTYPES = P + "top.qtypes";

  public static final int DEFAULT_TOP_QTYPES = 10;

  final String table;
  final Duration interval;
  final int historyDays;
  final int neighbourSlots;
  final int minHistoryDays;
  final double highScore;
  final double spikeScore;
  final double minScale;
  final int topSources;
  final int topQtypes;

  private SpikeConfig(Map<String, String> m) {
    table = m.getOrDefault(TABLE, DEFAULT_TABLE).trim();
    if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw new IllegalArgumentException(TABLE + ": not a table name: " + table);
    }
    interval = parseInterval(m.getOrDefault(INTERVAL, DEFAULT_INTERVAL));
    historyDays = positiveInt(m, HISTORY_DAYS, DEFAULT_HISTORY_DAYS);
    neighbourSlots = nonNegativeInt(m, NEIGHBOUR_SLOTS, DEFAULT_NEIGHBOUR_SLOTS);
    minHistoryDays = positiveInt(m, MIN_HISTORY_DAYS, DEFAULT_MIN_HISTORY_DAYS);
    if (minHistoryDays > historyDays) {
      throw new IllegalArgumentException(
          MIN_HISTORY_DAYS + " (" + minHistoryDays + ") exceeds " + HISTORY_DAYS);
    }
    highScore = positiveDouble(m, HIGH_SCORE, DEFAULT_HIGH_SCORE);
    spikeScore = positiveDouble(m, SPIKE_SCORE, DEFAULT_SPIKE_SCORE);
    if (spikeScore < highScore) {
      throw new IllegalArgumentException(SPIKE_SCORE + " is below " + HIGH_SCORE);
    }
    minScale = positiveDouble(m, MIN_SCALE, DEFAULT_MIN_SCALE);
    topSources = positiveInt(m, TOP_SOURCES, DEFAULT_TOP_SOURCES);
    topQtypes = positiveInt(m, TOP_QTYPES, DEFAULT_TOP_QTYPES);
  }

  public static SpikeConfig of(Map<String, String> settings) {
    return new SpikeConfig(settings);
  }

  public static SpikeConfig defaults() {
    return new SpikeConfig(Map.of());
  }

  public Duration interval() {
    return interval;
  }

  public int historyDays() {
    return historyDays;
  }

  static Duration parseInterval(String text) {
    String t = text.trim().toLowerCase(Locale.ENGLISH);
    Duration d;
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          d = Duration.ofSeconds(n);
          break;
        case 'm':
          d = Duration.ofMinutes(n);
          break;
        case 'h':
          d = Duration.ofHours(n);
          break;
        default:
          d = null;
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      d = null;
    }
    if (d == null || d.getSeconds() <= 0 || 86_400 % d.getSeconds() != 0) {
      throw new IllegalArgumentException(
          INTERVAL + ": expected a length dividing a day such as 5m or 1h, got '" + text + "'");
    }
    return d;
  }

  private static int positiveInt(Map<String, String> m, String key, int dflt) {
    int v = nonNegativeInt(m, key, dflt);
    if (v == 0) {
      throw new IllegalArgumentException(key + ": must be positive, got 0");
    }
    return v;
  }

  private static int nonNegativeInt(Map<String, String> m, String key, int dflt) {
    String s = m.get(key);
    if (s == null) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(s.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected a non-negative integer, got '" + s + "'");
    }
  }

  private static double positiveDouble(Map<String, String> m, String key, double dflt) {
    String s = m.get(key);
    if (s == null) {
      return dflt;
    }
    try {
      double v = Double.parseDouble(s.trim());
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected a positive number, got '" + s + "'");
    }
  }
}
