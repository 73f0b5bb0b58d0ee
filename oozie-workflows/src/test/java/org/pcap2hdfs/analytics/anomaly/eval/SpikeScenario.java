package org.pcap2hdfs.analytics.anomaly.eval;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.pcap2hdfs.analytics.anomaly.SeriesFamily;
import org.pcap2hdfs.analytics.anomaly.SourcePrefix;

/**
 * A row-level generator of multi-day DNS traffic with daily seasonality (three locations whose
 * peaks are hours apart, Poisson counts, a skewed client population, fixed mixes of query types and
 * response codes) into which four known anomalies are injected in the last days: a flood from one
 * new source, a TXT burst, a random-subdomain wave of unanswered queries, and a location dropping
 * to a tenth of its traffic. Rows go into a warehouse-layout Parquet table ({@code
 * year=/month=/day=/server=}, the warehouse's column names and types for the columns used) and the
 * ground truth counts, per series and interval, the regular and the injected (negative: removed)
 * queries.
 */
public final class SpikeScenario {
  public static final long START_MS = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  public static final int INTERVAL_S = 300;
  private static final long DAY_MS = 86_400_000L;
  private static final String[] LOCATIONS = {"ams", "yyz", "nrt"};
  private static final String[] SERVERS = {"ns1", "ns1", "ns2"};
  private static final double[] RATES = {240, 160, 120};
  private static final double[] PEAK_HOUR = {14, 20, 5};
  private static final int[] QTYPES = {1, 1, 1, 1, 1, 28, 28, 28, 2, 15, 16, 6, 43, 65};
  private static final int CLIENTS = 2000;

  /** One injected anomaly: what, where in time. */
  public static final class Injection {
    public final String name;
    public final long fromMs;
    public final long toMs;

    /** The series it is meant to show in. */
    public final String primarySeries;

    Injection(String name, long fromMs, long toMs, String primarySeries) {
      this.name = name;
      this.fromMs = fromMs;
      this.toMs = toMs;
      this.primarySeries = primarySeries;
    }
  }

  public final int days;

  /** Detection is evaluated from here (the days before are history). */
  public final long evaluateFromMs;

  public final long endMs;
  public final List<Injection> injections = new ArrayList<>();
  private final int evalSlots;
  private final Map<String, int[]> regular = new HashMap<>();
  private final Map<String, int[]> injected = new HashMap<>();
  private final Random random;
  private long rows;

  public SpikeScenario(long seed, int days, int evaluatedDays) {
    this.days = days;
    this.random = new Random(seed);
    this.endMs = START_MS + days * DAY_MS;
    this.evaluateFromMs = endMs - evaluatedDays * DAY_MS;
    this.evalSlots = (int) ((endMs - evaluateFromMs) / (INTERVAL_S * 1000L));
    long e = evaluateFromMs;
    long h = 3_600_000L;
    injections.add(
        new Injection("flood from one source", e + 14 * h, e + 14 * h + h / 2, "src:203.0.113.77"));
    injections.add(
        new Injection(
            "TXT burst",
            e + DAY_MS + 3 * h,
            e + DAY_MS + 3 * h + h / 2,
            SeriesFamily.QTYPE.series("16")));
    injections.add(
        new Injection(
            "random-subdomain wave (unanswered)",
            e + DAY_MS + 20 * h,
            e + DAY_MS + 21 * h,
            "unanswered:all"));
    injections.add(
        new Injection(
            "drop of location nrt",
            e + (evaluatedDays - 1) * DAY_MS + 9 * h,
            e + (evaluatedDays - 1) * DAY_MS + 10 * h,
            "location:nrt"));
  }

  public long rows() {
    return rows;
  }

  /** Writes the rows as Parquet under {@code warehouse} (through a DuckDB table). */
  public void write(Connection duck, Path warehouse) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE scenario_rows (time BIGINT, time_us BIGINT,"
              + " src VARCHAR, server_location VARCHAR, server VARCHAR, qtype INTEGER,"
              + " rcode INTEGER, req_len INTEGER, res_len INTEGER, qname VARCHAR,"
              + " domainname VARCHAR)");
    }
    DuckDBConnection dc = duck.unwrap(DuckDBConnection.class);
    try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scenario_rows")) {
      generate(a);
    }
    try (Statement s = duck.createStatement()) {
      s.execute(
          "COPY (SELECT epoch_ms(time) AS query_ts, *, year(epoch_ms(time)) AS year,"
              + " month(epoch_ms(time)) AS month, day(epoch_ms(time)) AS day"
              + " FROM scenario_rows ORDER BY time) TO '"
              + warehouse.toAbsolutePath()
              + "' (FORMAT parquet, PARTITION_BY (year, month, day, server), OVERWRITE_OR_IGNORE)");
      s.execute("DROP TABLE scenario_rows");
    }
  }

  private void generate(DuckDBAppender a) throws SQLException {
    long slotMs = INTERVAL_S * 1000L;
    for (long t = START_MS; t < endMs; t += slotMs) {
      double hour = ((t % DAY_MS) / 3_600_000.0);
      for (int l = 0; l < LOCATIONS.length; l++) {
        double lambda = RATES[l] * (1 + 0.5 * Math.cos(2 * Math.PI * (hour - PEAK_HOUR[l]) / 24));
        int n = poisson(lambda);
        for (int k = 0; k < n; k++) {
          long time = t + random.nextInt((int) slotMs);
          String src = client();
          int qtype = QTYPES[random.nextInt(QTYPES.length)];
          int draw = random.nextInt(1000);
          int rcode = draw < 820 ? 0 : draw < 970 ? 3 : draw < 995 ? -1 : 0;
          boolean unsolicited = draw >= 995;
          boolean dropped =
              l == 2 && active("drop of location nrt", time) && random.nextInt(10) != 0;
          String domain = "domain" + random.nextInt(500) + ".example";
          if (dropped) {
            count(injected, time, -1, LOCATIONS[l], src, qtype, rcode, unsolicited);
            count(regular, time, 1, LOCATIONS[l], src, qtype, rcode, unsolicited);
          } else {
            row(a, time, src, l, qtype, rcode, unsolicited, domain, false);
          }
        }
      }
      inject(a, t, slotMs);
    }
  }

  private void inject(DuckDBAppender a, long t, long slotMs) throws SQLException {
    if (active("flood from one source", t)) {
      for (int k = 0; k < 400; k++) {
        row(
            a,
            t + random.nextInt((int) slotMs),
            "203.0.113.77",
            0,
            1,
            0,
            false,
            "victim.example",
            true);
      }
    }
    if (active("TXT burst", t)) {
      for (int k = 0; k < 250; k++) {
        int l = random.nextInt(LOCATIONS.length);
        row(
            a,
            t + random.nextInt((int) slotMs),
            client(),
            l,
            16,
            0,
            false,
            "domain7.example",
            true);
      }
    }
    if (active("random-subdomain wave (unanswered)", t)) {
      for (int k = 0; k < 150; k++) {
        row(a, t + random.nextInt((int) slotMs), client(), 1, 1, -1, false, "victim.example", true);
      }
    }
  }

  private boolean active(String name, long time) {
    for (Injection i : injections) {
      if (i.name.equals(name) && time >= i.fromMs && time < i.toMs) {
        return true;
      }
    }
    return false;
  }

  private void row(
      DuckDBAppender a,
      long time,
      String src,
      int l,
      int qtype,
      int rcode,
      boolean unsolicited,
      String domain,
      boolean isInjected)
      throws SQLException {
    String qname =
        isInjected && rcode == -1 ? Long.toHexString(random.nextLong()) + "." + domain : domain;
    a.beginRow();
    a.append(time);
    a.append(time * 1000);
    a.append(src);
    a.append(LOCATIONS[l]);
    a.append(SERVERS[l]);
    a.append(qtype);
    a.append(rcode);
    if (unsolicited) {
      a.appendNull();
    } else {
      a.append(40 + qname.length());
    }
    if (rcode == -1) {
      a.appendNull();
    } else {
      a.append(100 + random.nextInt(200));
    }
    a.append(qname);
    a.append(domain);
    a.endRow();
    rows++;
    count(isInjected ? injected : regular, time, 1, LOCATIONS[l], src, qtype, rcode, unsolicited);
  }

  private void count(
      Map<String, int[]> into,
      long time,
      int delta,
      String location,
      String src,
      int qtype,
      int rcode,
      boolean unsolicited) {
    if (time < evaluateFromMs) {
      return;
    }
    int slot = (int) ((time - evaluateFromMs) / (INTERVAL_S * 1000L));
    add(into, SeriesFamily.LOCATION.series(location), slot, delta);
    add(into, SeriesFamily.QTYPE.series(Integer.toString(qtype)), slot, delta);
    add(into, SeriesFamily.SOURCE.series(src), slot, delta);
    add(into, SeriesFamily.PREFIX.series(SourcePrefix.of(src)), slot, delta);
    if (rcode == -1) {
      add(into, SeriesFamily.UNANSWERED.series("all"), slot, delta);
    }
    if (unsolicited) {
      add(into, SeriesFamily.UNSOLICITED.series("all"), slot, delta);
    }
  }

  private void add(Map<String, int[]> into, String series, int slot, int delta) {
    into.computeIfAbsent(series, k -> new int[evalSlots])[slot] += delta;
  }

  /** Skewed: 20 busy resolvers take about 40% of the queries; a fifth of clients are IPv6. */
  private String client() {
    int c = random.nextInt(10) < 4 ? random.nextInt(20) : 20 + random.nextInt(CLIENTS - 20);
    if (c % 5 == 4) {
      return "2001:db8:" + Integer.toHexString(c / 64) + ":" + Integer.toHexString(c % 64) + "::53";
    }
    return "198.51." + (c / 100) + "." + (c % 100 + 1);
  }

  private int poisson(double lambda) {
    return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
  }

  /**
   * Whether the interval of {@code intervalS} seconds starting {@code tsSeconds} of {@code series}
   * is anomalous by construction (+1), untouched (0) or touched too little to count either way
   * (-1): anomalous when the injected (or removed) queries are at least half the regular ones and
   * at least {@code minQueries}.
   */
  public int truth(String series, long tsSeconds, int intervalS, int minQueries) {
    int[] e = injected.get(series);
    if (e == null) {
      return 0;
    }
    int[] r = regular.get(series);
    int first = (int) ((tsSeconds * 1000 - evaluateFromMs) / (INTERVAL_S * 1000L));
    int inj = 0;
    int reg = 0;
    for (int slot = first; slot < first + intervalS / INTERVAL_S && slot < evalSlots; slot++) {
      inj += e[slot];
      reg += r == null ? 0 : r[slot];
    }
    if (inj == 0) {
      return 0;
    }
    inj = Math.abs(inj);
    return inj >= minQueries && inj >= 0.5 * reg ? 1 : -1;
  }

  /** Every (series, interval start) anomalous by construction, for intervals of intervalS. */
  public List<String> anomalousPoints(int intervalS, int minQueries) {
    List<String> out = new ArrayList<>();
    for (String series : injected.keySet()) {
      for (long ts = evaluateFromMs / 1000; ts < endMs / 1000; ts += intervalS) {
        if (truth(series, ts, intervalS, minQueries) == 1) {
          out.add(series + "@" + ts);
        }
      }
    }
    return out;
  }
}
