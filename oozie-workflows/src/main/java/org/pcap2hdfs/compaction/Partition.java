package org.pcap2hdfs.compaction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One partition of the staging and warehouse layouts: {@code year=Y/month=M/day=D/server=S}, with
 * month and day written without zero padding (as Flume's {@code %n}/{@code %e} and Impala's INT
 * partition columns have them). Server names are restricted to characters that need no escaping in
 * a path or an SQL string literal.
 */
public final class Partition implements Comparable<Partition> {
  private static final Pattern PATH =
      Pattern.compile("year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})/server=([A-Za-z0-9._:@+-]+)");
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9._:@+-]+");

  private final int year;
  private final int month;
  private final int day;
  private final String server;

  public Partition(int year, int month, int day, String server) {
    try {
      LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a date: " + year + "-" + month + "-" + day, e);
    }
    if (server == null || !SERVER.matcher(server).matches()) {
      throw new IllegalArgumentException("server name not allowed: " + server);
    }
    this.year = year;
    this.month = month;
    this.day = day;
    this.server = server;
  }

  /**
   * Parses {@code year=Y/month=M/day=D/server=S} (padded month/day accepted).
   *
   * @throws IllegalArgumentException when the text is not such a path
   */
  public static Partition parse(String relativePath) {
    Matcher m = PATH.matcher(relativePath);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a partition path year=Y/month=M/day=D/server=S: " + relativePath);
    }
    return new Partition(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        m.group(4));
  }

  public int year() {
    return year;
  }

  public int month() {
    return month;
  }

  public int day() {
    return day;
  }

  public String server() {
    return server;
  }

  public LocalDate date() {
    return LocalDate.of(year, month, day);
  }

  /** {@code year=2024/month=3/day=5/server=ns1}. */
  public String relativePath() {
    return "year=" + year + "/month=" + month + "/day=" + day + "/server=" + server;
  }

  /** A single path segment naming the partition: {@code year=2024,month=3,day=5,server=ns1}. */
  public String id() {
    return relativePath().replace('/', ',');
  }

  /** Inverse of {@link #id()}. */
  public static Partition fromId(String id) {
    return parse(id.replace(',', '/'));
  }

  /** The partition spec of Impala statements: {@code year=2024, month=3, day=5, server='ns1'}. */
  public String sqlSpec() {
    return "year=" + year + ", month=" + month + ", day=" + day + ", server='" + server + "'";
  }

  @Override
  public int compareTo(Partition o) {
    int c = date().compareTo(o.date());
    return c != 0 ? c : server.compareTo(o.server);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Partition)) {
      return false;
    }
    Partition p = (Partition) o;
    return year == p.year && month == p.month && day == p.day && server.equals(p.server);
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, month, day, server);
  }

  @Override
  public String toString() {
    return relativePath();
  }
}
