package org.pcap2hdfs.analytics.aggregate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pcap2hdfs.analytics.aggregate.WarehouseDays.DayFiles;
import org.pcap2hdfs.analytics.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One aggregation run: finds the days to compute (the ones asked for, else the warehouse days whose
 * files changed since they were aggregated), computes each day and each of their months exactly
 * from the warehouse on the engine, and replaces them in the database, one transaction per month
 * (its changed days and the month itself). The database is reached before the engine is asked
 * anything, so an unreachable database fails the run at once, with nothing changed.
 */
public final class AggregateJob {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateJob.class);

  /** What a run did. */
  public static final class Result {
    public final List<LocalDate> days = new ArrayList<>();
    public final List<LocalDate> months = new ArrayList<>();
  }

  private final Database database;
  private final WarehouseDays warehouse;
  private final AggregateSql sql;

  public AggregateJob(Database database, WarehouseDays warehouse, AggregateSql sql) {
    this.database = database;
    this.warehouse = warehouse;
    this.sql = sql;
  }

  /**
   * @param engine a connection to the engine that sees the warehouse as the configured table
   * @param asked days to recompute; empty: the changed ones
   */
  public Result run(Connection engine, List<LocalDate> asked) throws AggregateException {
    try (Connection db = database.connect()) {
      SortedMap<LocalDate, DayFiles> todo = daysToDo(db, asked);
      Result result = new Result();
      Map<LocalDate, List<DayFiles>> byMonth = new LinkedHashMap<>();
      for (DayFiles d : todo.values()) {
        byMonth.computeIfAbsent(Grain.MONTH.start(d.day()), m -> new ArrayList<>()).add(d);
      }
      EngineQueries queries = new EngineQueries(engine, sql);
      AggregateWriter writer = new AggregateWriter(db);
      for (Map.Entry<LocalDate, List<DayFiles>> month : byMonth.entrySet()) {
        List<PeriodAggregates> periods = new ArrayList<>();
        Map<LocalDate, DayFiles> days = new TreeMap<>();
        for (DayFiles d : month.getValue()) {
          periods.add(queries.compute(Grain.DAY, d.day()));
          days.put(d.day(), d);
        }
        periods.add(queries.compute(Grain.MONTH, month.getKey()));
        writer.replace(periods, days);
        LOG.info("aggregated month {} with days {}", month.getKey(), days.keySet());
        result.days.addAll(days.keySet());
        result.months.add(month.getKey());
      }
      return result;
    } catch (SQLException e) {
      throw new AggregateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new AggregateException("listing the warehouse failed: " + e.getMessage(), e);
    }
  }

  private SortedMap<LocalDate, DayFiles> daysToDo(Connection db, List<LocalDate> asked)
      throws IOException, SQLException {
    SortedMap<LocalDate, DayFiles> out = new TreeMap<>();
    if (!asked.isEmpty()) {
      for (LocalDate d : asked) {
        out.put(d, warehouse.of(d));
      }
      return out;
    }
    Map<LocalDate, String> recorded = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT day, fingerprint FROM aggregated_days")) {
      while (rs.next()) {
        recorded.put(rs.getObject(1, LocalDate.class), rs.getString(2));
      }
    }
    for (DayFiles d : warehouse.list().values()) {
      if (!d.fingerprint().equals(recorded.get(d.day()))) {
        out.put(d.day(), d);
      }
    }
    return out;
  }
}
