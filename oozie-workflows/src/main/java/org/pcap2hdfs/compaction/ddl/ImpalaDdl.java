package org.pcap2hdfs.compaction.ddl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.parquet.WarehouseSchema;
import org.pcap2hdfs.row.RowSchema;

/**
 * Generates the Impala DDL of {@code conf/impala/} from the row schemas ({@code .avsc}), for each
 * row kind ({@link #DNS}, {@link #ICMP}): the staging table over the Avro, the partitioned Parquet
 * warehouse table (with {@code query_ts} first, as the compaction writes it) and the one-time
 * statements. A test fails when the committed files differ from what this produces; regenerate with
 *
 * <pre>
 * java -cp 'oozie-workflows/target/lib/*' org.pcap2hdfs.compaction.ddl.ImpalaDdl conf/impala
 * </pre>
 *
 * <p>Paths and names are impala-shell variables ({@code --var=NAME=VALUE}): {@code db}, {@code
 * staging_dir}, {@code warehouse_dir}, {@code schema_url}.
 */
public final class ImpalaDdl {
  /** How every generated file starts (hand-written ones beside them do not). */
  static final String GENERATED = "-- Generated from ";

  static final String HEADER = header(RowSchema.get());

  private static final String PARTITIONS =
      "PARTITIONED BY (`year` INT, `month` INT, `day` INT, `server` STRING)\n";

  /** The tables of one row kind: names, example locations, file names and sort order. */
  public static final class Table {
    final RowSchema rows;
    final String name;
    final String dir;
    final String sortColumns;
    final String queryTsDoc;
    final String stagingFile;
    final String warehouseFile;
    final String recoverFile;

    private Table(
        RowSchema rows,
        String name,
        String dir,
        String sortColumns,
        String queryTsDoc,
        String stagingFile,
        String warehouseFile,
        String recoverFile) {
      this.rows = rows;
      this.name = name;
      this.dir = dir;
      this.sortColumns = sortColumns;
      this.queryTsDoc = queryTsDoc;
      this.stagingFile = stagingFile;
      this.warehouseFile = warehouseFile;
      this.recoverFile = recoverFile;
    }
  }

  /** DNS queries: {@code queries} and {@code queries_staging}. */
  public static final Table DNS =
      new Table(
          RowSchema.get(),
          "queries",
          "staging",
          CompactionConfig.DEFAULT_SORT_COLUMNS,
          "Query time as a TIMESTAMP (UTC), filled at compaction from time_us (microseconds).",
          "02-staging-table.sql",
          "03-warehouse-table.sql",
          "04-recover-partitions.sql");

  /** ICMP messages: {@code icmp} and {@code icmp_staging}. */
  public static final Table ICMP =
      new Table(
          RowSchema.icmp(),
          "icmp",
          "staging-icmp",
          CompactionConfig.DEFAULT_ICMP_SORT_COLUMNS,
          "Capture time of the ICMP message as a TIMESTAMP (UTC), filled at compaction from"
              + " time_us (microseconds).",
          "06-icmp-staging-table.sql",
          "07-icmp-warehouse-table.sql",
          "08-icmp-recover-partitions.sql");

  private ImpalaDdl() {}

  static String header(RowSchema rows) {
    return GENERATED
        + rows.fileName()
        + " by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.\n";
  }

  /** File name to content, in the order an operator runs them. */
  public static Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "01-database.sql",
        HEADER
            + "-- impala-shell -f 01-database.sql --var=db=dns\n"
            + "CREATE DATABASE IF NOT EXISTS ${var:db};\n");
    for (Table t : new Table[] {DNS, ICMP}) {
      out.put(t.stagingFile, staging(t));
      out.put(t.warehouseFile, warehouse(t));
      out.put(t.recoverFile, recover(t));
    }
    return out;
  }

  static String staging() {
    return staging(DNS);
  }

  static String warehouse() {
    return warehouse(DNS);
  }

  static String staging(Table t) {
    return header(t.rows)
        + "-- The Avro staged by Flume's HDFS sink; Impala reads it, never writes it.\n"
        + "-- impala-shell -f "
        + t.stagingFile
        + " --var=db=dns"
        + " --var=staging_dir=hdfs:///data/dns/"
        + t.dir
        + " --var=schema_url=hdfs:///data/dns/schema/"
        + t.rows.fileName()
        + "\n"
        + "CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}."
        + t.name
        + "_staging (\n"
        + columns(t, false)
        + ")\n"
        + PARTITIONS
        + "STORED AS AVRO\n"
        + "LOCATION '${var:staging_dir}'\n"
        + "TBLPROPERTIES ('avro.schema.url' = '${var:schema_url}');\n";
  }

  static String warehouse(Table t) {
    return header(t.rows)
        + "-- The compacted Parquet, one row group per ~256 MB file, sorted by "
        + t.sortColumns.replace(",", ", ")
        + ".\n"
        + "-- impala-shell -f "
        + t.warehouseFile
        + " --var=db=dns"
        + " --var=warehouse_dir=hdfs:///data/dns/warehouse/"
        + t.name
        + "\n"
        + "CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}."
        + t.name
        + " (\n"
        + columns(t, true)
        + ")\n"
        + PARTITIONS
        + "STORED AS PARQUET\n"
        + "LOCATION '${var:warehouse_dir}';\n";
  }

  static String recover(Table t) {
    return header(t.rows)
        + "-- One-time (and after partitions were added or removed outside the compaction"
        + " job):\n"
        + "-- impala-shell -f "
        + t.recoverFile
        + " --var=db=dns\n"
        + "ALTER TABLE ${var:db}."
        + t.name
        + "_staging RECOVER PARTITIONS;\n"
        + "ALTER TABLE ${var:db}."
        + t.name
        + " RECOVER PARTITIONS;\n"
        + "INVALIDATE METADATA ${var:db}."
        + t.name
        + ";\n"
        + "COMPUTE INCREMENTAL STATS ${var:db}."
        + t.name
        + ";\n";
  }

  /**
   * Column definitions: optionally query_ts first, then every schema field with its doc. Names are
   * back-quoted so that none can collide with a reserved word of any Impala version.
   */
  static String columns(Table t, boolean withQueryTs) {
    StringBuilder b = new StringBuilder();
    if (withQueryTs) {
      b.append("  `")
          .append(WarehouseSchema.QUERY_TS)
          .append("` TIMESTAMP COMMENT '")
          .append(literal(t.queryTsDoc))
          .append("',\n");
    }
    RowSchema rows = t.rows;
    Schema schema = rows.avro();
    for (int i = 0; i < rows.size(); i++) {
      b.append("  `")
          .append(rows.name(i))
          .append("` ")
          .append(impalaType(rows.kind(i)))
          .append(" COMMENT '")
          .append(literal(schema.getField(rows.name(i)).doc()))
          .append('\'')
          .append(i + 1 < rows.size() ? ",\n" : "\n");
    }
    return b.toString();
  }

  static String impalaType(byte kind) {
    switch (kind) {
      case RowSchema.INT:
        return "INT";
      case RowSchema.LONG:
        return "BIGINT";
      case RowSchema.BOOLEAN:
        return "BOOLEAN";
      case RowSchema.DOUBLE:
        return "DOUBLE";
      default:
        return "STRING";
    }
  }

  /** An Impala string literal body: backslashes and single quotes escaped. */
  static String literal(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** Writes the files into a directory (default conf/impala). */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "conf/impala");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : files().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }
}
