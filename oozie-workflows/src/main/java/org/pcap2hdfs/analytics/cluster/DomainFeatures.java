package org.pcap2hdfs.analytics.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.analytics.anomaly.PartitionRange;

/**
 * Per registered domain ({@code domainname}) over a window: what the clustering sees, read with one
 * SQL statement (DuckDB; Impala 3.1+, which allows several {@code COUNT(DISTINCT)}s), domains in
 * name order.
 */
public final class DomainFeatures {
  /** Feature names, in column order; the first {@link #COUNTS} are counts, the rest shares. */
  public static final String[] NAMES = {
    "queries", "sources", "servers", "rcodes", "qtypes", "nxdomain_share", "public_resolver_share"
  };

  public static final int COUNTS = 5;

  public final List<String> domains = new ArrayList<>();
  public final List<double[]> values = new ArrayList<>();

  static String sql(String table, long fromMs, long toMs, int minQueries) {
    return "SELECT domainname, count(*), count(DISTINCT src), count(DISTINCT server),"
        + " count(DISTINCT rcode), count(DISTINCT qtype),"
        + " avg(CASE WHEN rcode = 3 THEN 1.0 ELSE 0.0 END),"
        + " avg(CASE WHEN pub_resolver IS NOT NULL AND pub_resolver <> '' THEN 1.0 ELSE 0.0 END)"
        + " FROM "
        + table
        + " WHERE time >= "
        + fromMs
        + " AND time < "
        + toMs
        + " AND "
        + PartitionRange.sql(fromMs, toMs)
        + " AND domainname IS NOT NULL GROUP BY domainname HAVING count(*) >= "
        + minQueries
        + " ORDER BY domainname";
  }

  public static DomainFeatures read(
      Connection warehouse, ClusterConfig config, long fromMs, long toMs) throws SQLException {
    DomainFeatures f = new DomainFeatures();
    try (Statement s = warehouse.createStatement();
        ResultSet rs = s.executeQuery(sql(config.table, fromMs, toMs, config.minQueries))) {
      while (rs.next()) {
        double[] v = new double[NAMES.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = rs.getDouble(i + 2);
        }
        f.add(rs.getString(1), v);
      }
    }
    return f;
  }

  public void add(String domain, double[] v) {
    domains.add(domain);
    values.add(v);
  }

  public int size() {
    return domains.size();
  }
}
