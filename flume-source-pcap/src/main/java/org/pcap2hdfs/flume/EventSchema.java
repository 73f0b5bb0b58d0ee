package org.pcap2hdfs.flume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.row.RowSchema;

/**
 * How the events of one row kind name their schema: the schema header ({@code
 * flume.avro.schema.url} or {@code .literal}) and its value, and the {@value #ROW_KIND_HEADER}
 * header that routes them (absent on DNS events, which a multiplexing selector's default takes).
 */
public final class EventSchema {
  /** Event header naming the row kind of a non-DNS event, e.g. {@code rowkind=icmp}. */
  static final String ROW_KIND_HEADER = RowSchema.KIND_HEADER;

  final RowSchema rows;
  final String header;
  final String value;

  /** The {@value #ROW_KIND_HEADER} value, or null for DNS events. */
  final String rowKind;

  /** Position of the row's {@code time} field (the event timestamp). */
  final int timeField;

  EventSchema(RowSchema rows, String header, String value) {
    this.rows = rows;
    this.header = header;
    this.value = value;
    this.rowKind = rows == RowSchema.get() ? null : rows.kindName();
    this.timeField = rows.indexOf("time");
  }

  /**
   * The events of {@code rows} as a source's keys say: the schema inline ({@code literal}), at
   * {@code url}, or else in a file the source writes into {@code dir} (next to its checkpoints).
   *
   * @throws ConfigException naming {@code dirKey} when that file cannot be written
   */
  public static EventSchema of(
      RowSchema rows, boolean literal, String url, Path dir, ConfigKey dirKey) {
    if (literal) {
      // one line, docs kept
      return new EventSchema(rows, EventSink.SCHEMA_LITERAL_HEADER, rows.avro().toString());
    } else if (url != null) {
      return new EventSchema(rows, EventSink.SCHEMA_URL_HEADER, url);
    }
    String file = writeSchemaFile(dir, dirKey, rows).toUri().toString();
    return new EventSchema(rows, EventSink.SCHEMA_URL_HEADER, file);
  }

  private static Path writeSchemaFile(Path dir, ConfigKey dirKey, RowSchema rows) {
    String name = rows.fileName();
    Path f = dir.resolve(name);
    String json = rows.json();
    try {
      if (!Files.exists(f) || !Files.readString(f).equals(json)) {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ConfigException(dirKey, "cannot hold the schema file " + f + ": " + e.getMessage());
    }
    return f;
  }
}
