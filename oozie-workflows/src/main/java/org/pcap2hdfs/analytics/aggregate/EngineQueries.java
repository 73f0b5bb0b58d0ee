package org.pcap2hdfs.analytics.aggregate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.pcap2hdfs.analytics.aggregate.AggregateTable.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the aggregate SQL of a period on the query engine (Impala or DuckDB, over JDBC). */
public final class EngineQueries {
  private static final Logger LOG = LoggerFactory.getLogger(EngineQueries.class);

  private final Connection engine;
  private final AggregateSql sql;

  public EngineQueries(Connection engine, AggregateSql sql) {
    this.engine = engine;
    this.sql = sql;
  }

  /** Every target's rows of the period of {@code grain} holding {@code day}. */
  public PeriodAggregates compute(Grain grain, LocalDate day) throws AggregateException {
    PeriodAggregates out = new PeriodAggregates(grain, grain.start(day));
    for (AggregateTable target : AggregateTable.values()) {
      String query = sql.query(target, grain, out.start());
      long t0 = System.nanoTime();
      try (Statement s = engine.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        read(rs, target.columns(), out.rows(target));
      } catch (SQLException e) {
        throw new AggregateException(
            grain.table(target) + " " + out.start() + ": query failed: " + e.getMessage(), e);
      }
      LOG.debug(
          "{} {}: {} rows in {} ms",
          grain.table(target),
          out.start(),
          out.rows(target).size(),
          (System.nanoTime() - t0) / 1_000_000);
    }
    return out;
  }

  private static void read(ResultSet rs, List<Column> columns, List<Object[]> into)
      throws SQLException {
    while (rs.next()) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = value(rs, i + 1, columns.get(i).type);
      }
      into.add(row);
    }
  }

  private static Object value(ResultSet rs, int i, char type) throws SQLException {
    Object v;
    switch (type) {
      case 'S':
        return rs.getString(i);
      case 'L':
        v = rs.getLong(i);
        break;
      case 'I':
        v = rs.getInt(i);
        break;
      case 'D':
        v = rs.getDouble(i);
        break;
      default:
        throw new IllegalStateException("column type " + type);
    }
    return rs.wasNull() ? null : v;
  }
}
