package org.pcap2hdfs.compaction.ddl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.pcap2hdfs.compaction.parquet.WarehouseSchema;
import org.pcap2hdfs.row.RowSchema;

/**
 * Generates the Impala DDL of {@code conf/impala/} from the event schema ({@code .avsc}): the
 * staging table over the Avro, the partitioned Parquet warehouse table (with {@code query_ts}
 * first, as the compaction writes it) and the one-time statements. A test fails when the committed
 * files differ from what this produces; regenerate with
 *
 * <pre>
 * java -cp 'oozie-workflows/target/lib/*' org.pcap2hdfs.compaction.ddl.ImpalaDdl conf/impala
 * </pre>
 *
 * <p>Paths and names are impala-shell variables ({@code --var=NAME=VALUE}): {@code db}, {@code
 * staging_dir}, {@code warehouse_dir}, {@code schema_url}.
 */
public final class ImpalaDdl {
  static final String HEADER =
      "-- Generated from "
          + RowSchema.RESOURCE.substring(RowSchema.RESOURCE.lastIndexOf('/') + 1)
          + " by org.pcap2hdfs.compaction.ddl.ImpalaDdl: do not edit by hand.\n";

  private static final String PARTITIONS =
      "PARTITIONED BY (`year` INT, `month` INT, `day` INT, `server` STRING)\n";

  private ImpalaDdl() {}

  /** File name to content, in the order an operator runs them. */
  public static Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "01-database.sql",
        HEADER
            + "-- impala-shell -f 01-database.sql --var=db=dns\n"
            + "CREATE DATABASE IF NOT EXISTS ${var:db};\n");
    out.put("02-staging-table.sql", staging());
    out.put("03-warehouse-table.sql", warehouse());
    out.put(
        "04-recover-partitions.sql",
        HEADER
            + "-- One-time (and after partitions were added or removed outside the compaction"
            + " job):\n"
            + "-- impala-shell -f 04-recover-partitions.sql --var=db=dns\n"
            + "ALTER TABLE ${var:db}.queries_staging RECOVER PARTITIONS;\n"
            + "ALTER TABLE ${var:db}.queries RECOVER PARTITIONS;\n"
            + "INVALIDATE METADATA ${var:db}.queries;\n"
            + "COMPUTE INCREMENTAL STATS ${var:db}.queries;\n");
    return out;
  }

  static String staging() {
    return HEADER
        + "-- The Avro staged by Flume's HDFS sink; Impala reads it, never writes it.\n"
        + "-- impala-shell -f 02-staging-table.sql --var=db=dns"
        + " --var=staging_dir=hdfs:///data/dns/staging"
        + " --var=schema_url=hdfs:///data/dns/schema/dns_query.avsc\n"
        + "CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}.queries_staging (\n"
        + columns(false)
        + ")\n"
        + PARTITIONS
        + "STORED AS AVRO\n"
        + "LOCATION '${var:staging_dir}'\n"
        + "TBLPROPERTIES ('avro.schema.url' = '${var:schema_url}');\n";
  }

  static String warehouse() {
    return HEADER
        + "-- The compacted Parquet, one row group per ~256 MB file, sorted by domainname, time_us.\n"
        + "-- impala-shell -f 03-warehouse-table.sql --var=db=dns"
        + " --var=warehouse_dir=hdfs:///data/dns/warehouse/queries\n"
        + "CREATE EXTERNAL TABLE IF NOT EXISTS ${var:db}.queries (\n"
        + columns(true)
        + ")\n"
        + PARTITIONS
        + "STORED AS PARQUET\n"
        + "LOCATION '${var:warehouse_dir}';\n";
  }

  /**
   * Column definitions: optionally query_ts first, then every schema field with its doc. Names are
   * back-quoted so that none can collide with a reserved word of any Impala version.
   */
  static String columns(boolean withQueryTs) {
    StringBuilder b = new StringBuilder();
    if (withQueryTs) {
      b.append("  `")
          .append(WarehouseSchema.QUERY_TS)
          .append("` TIMESTAMP COMMENT '")
          .append(
              literal(
                  "Query time as a TIMESTAMP (UTC), filled at compaction from time_us"
                      + " (microseconds)."))
          .append("',\n");
    }
    Schema schema = RowSchema.get().avro();
    RowSchema rows = RowSchema.get();
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
