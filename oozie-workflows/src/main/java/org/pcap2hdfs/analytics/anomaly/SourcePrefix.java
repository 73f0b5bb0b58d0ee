package org.pcap2hdfs.analytics.anomaly;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /24 (IPv4) or /48 (IPv6) network of a client address as text, computed the same way in SQL
 * (DuckDB and Impala: {@code regexp_extract}, no backslashes, which the two escape differently) and
 * in Java (for ground truth and tests). IPv6 prefixes are the first three groups as written, with
 * groups a leading {@code ::} leaves out read as 0.
 */
public final class SourcePrefix {
  private static final String H = "[0-9a-f]{1,4}";
  private static final String V6_3 = "^(" + H + ":" + H + ":" + H + "):";
  private static final String V6_2 = "^(" + H + ":" + H + ")::";
  private static final String V6_1 = "^(" + H + ")::";
  private static final String V4 = "^([0-9]+[.][0-9]+[.][0-9]+)[.][0-9]+$";

  /** SQL expression over the column {@code src}. */
  public static final String SQL =
      "CASE WHEN src LIKE '%:%' THEN CASE"
          + when("lower(src)", V6_3, "'::/48'")
          + when("lower(src)", V6_2, "':0::/48'")
          + when("lower(src)", V6_1, "':0:0::/48'")
          + " ELSE '::/48' END"
          + " ELSE CASE"
          + when("src", V4, "'.0/24'")
          + " ELSE src END END";

  private static final Pattern P6_3 = Pattern.compile(V6_3);
  private static final Pattern P6_2 = Pattern.compile(V6_2);
  private static final Pattern P6_1 = Pattern.compile(V6_1);
  private static final Pattern P4 = Pattern.compile(V4);

  private SourcePrefix() {}

  private static String when(String col, String regex, String suffix) {
    String e = "regexp_extract(" + col + ", '" + regex + "', 1)";
    return " WHEN " + e + " <> '' THEN " + e + " || " + suffix;
  }

  public static String of(String src) {
    if (src.contains(":")) {
      String s = src.toLowerCase(Locale.ENGLISH);
      Matcher m;
      if ((m = P6_3.matcher(s)).find()) {
        return m.group(1) + "::/48";
      }
      if ((m = P6_2.matcher(s)).find()) {
        return m.group(1) + ":0::/48";
      }
      if ((m = P6_1.matcher(s)).find()) {
        return m.group(1) + ":0:0::/48";
      }
      return "::/48";
    }
    Matcher m = P4.matcher(src);
    return m.find() ? m.group(1) + ".0/24" : src;
  }
}
