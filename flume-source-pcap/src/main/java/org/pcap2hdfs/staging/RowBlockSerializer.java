package org.pcap2hdfs.staging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.serialization.EventSerializer;
import org.pcap2hdfs.config.ConfigException;
import org.pcap2hdfs.config.ConfigKey;
import org.pcap2hdfs.config.Settings;
import org.pcap2hdfs.row.RowBlock;
import org.pcap2hdfs.row.RowSchema;

/**
 * The HDFS sink's side of row blocks: writes every row of a {@link RowBlock} event as an ordinary
 * record of an Avro container file, copying the encoded datums as they are (nothing is decoded). An
 * event without the block header is one datum and is written as Flume's {@code AvroEventSerializer}
 * writes it, so a channel holding both kinds drains into the same files.
 *
 * <p>Plugged into the stock HDFS sink with {@code serializer =
 * org.pcap2hdfs.staging.RowBlockSerializer$Builder}, {@code hdfs.fileType = DataStream}. Like
 * {@code AvroEventSerializer}, the file's schema comes from the first event's {@code
 * flume.avro.schema.literal} or {@code flume.avro.schema.url} header, and the codec and sync
 * interval are set by the same keys. A block whose structure is broken, or an event whose schema
 * header differs from the file's (an ICMP row routed to the DNS sink), is refused with an {@code
 * IOException} (the sink rolls its transaction back and logs it): writing it would corrupt the file
 * for every reader.
 */
public final class RowBlockSerializer implements EventSerializer {
  private static final ConfigKey.Registry KEYS = new ConfigKey.Registry();

  public static final ConfigKey COMPRESSION_CODEC =
      KEYS.add(
          "compressionCodec",
          "null",
          "Avro codec of the staged files: null, deflate, snappy, bzip2, xz, zstandard (as AvroEventSerializer).");
  public static final ConfigKey SYNC_INTERVAL_BYTES =
      KEYS.add(
          "syncIntervalBytes",
          "2048000",
          "Approximate bytes of rows between two Avro sync markers (one compressed block).");

  static final String SCHEMA_LITERAL_HEADER = "flume.avro.schema.literal";
  static final String SCHEMA_URL_HEADER = "flume.avro.schema.url";
  private static final Map<String, Schema> SCHEMAS_BY_URL = new ConcurrentHashMap<>();

  private final OutputStream out;
  private final CodecFactory codec;
  private final int syncIntervalBytes;
  private final RowBlock.Reader block = new RowBlock.Reader();
  private DataFileWriter<Object> writer;

  /** The schema header value the file was opened with. */
  private String fileSchema;

  private RowBlockSerializer(OutputStream out, CodecFactory codec, int syncIntervalBytes) {
    this.out = out;
    this.codec = codec;
    this.syncIntervalBytes = syncIntervalBytes;
  }

  public static List<ConfigKey> keys() {
    return KEYS.keys();
  }

  @Override
  public void afterCreate() {
    // The container header needs the schema, which comes with the first event.
  }

  @Override
  public void afterReopen() {
    throw new UnsupportedOperationException("an Avro container file cannot be appended to");
  }

  @Override
  public void write(Event event) throws IOException {
    Map<String, String> headers = event.getHeaders();
    String eventSchema = schemaValue(headers);
    if (writer == null) {
      open(schema(headers));
      fileSchema = eventSchema;
    } else if (eventSchema != null && !eventSchema.equals(fileSchema)) {
      throw new IOException(
          "Event of schema "
              + abbreviate(eventSchema)
              + " in a file of schema "
              + abbreviate(fileSchema)
              + "; not written: route each row kind (header "
              + RowSchema.KIND_HEADER
              + ") to a sink of its own");
    }
    byte[] body = event.getBody();
    String rows = headers.get(RowBlock.ROWS_HEADER);
    if (rows == null) {
      writer.appendEncoded(ByteBuffer.wrap(body));
      return;
    }
    if (!block.read(body) || !rows.equals(Integer.toString(block.count()))) {
      throw new IOException(
          "Event with header "
              + RowBlock.ROWS_HEADER
              + "="
              + rows
              + " is not a row block of that many rows (format version "
              + RowBlock.VERSION
              + ", "
              + (body == null ? 0 : body.length)
              + " bytes); not written");
    }
    ByteBuffer datum = ByteBuffer.wrap(body);
    for (int i = 0, n = block.count(); i < n; i++) {
      int start = block.offset(i);
      datum.limit(start + block.length(i)).position(start);
      writer.appendEncoded(datum);
    }
  }

  private void open(Schema schema) throws IOException {
    DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>(schema));
    w.setSyncInterval(syncIntervalBytes);
    w.setCodec(codec);
    w.create(schema, out);
    writer = w;
  }

  @Override
  public void flush() throws IOException {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public void beforeClose() throws IOException {
    flush();
  }

  @Override
  public boolean supportsReopen() {
    return false;
  }

  private static String schemaValue(Map<String, String> headers) {
    String literal = headers.get(SCHEMA_LITERAL_HEADER);
    return literal != null ? literal : headers.get(SCHEMA_URL_HEADER);
  }

  private static String abbreviate(String schema) {
    return schema == null || schema.length() <= 120 ? schema : schema.substring(0, 117) + "...";
  }

  private static Schema schema(Map<String, String> headers) throws IOException {
    String literal = headers.get(SCHEMA_LITERAL_HEADER);
    if (literal != null) {
      return new Schema.Parser().parse(literal);
    }
    String url = headers.get(SCHEMA_URL_HEADER);
    if (url == null) {
      throw new IOException(
          "Event has neither "
              + SCHEMA_LITERAL_HEADER
              + " nor "
              + SCHEMA_URL_HEADER
              + ": the file's schema is unknown");
    }
    Schema cached = SCHEMAS_BY_URL.get(url);
    if (cached == null) {
      cached = load(url);
      SCHEMAS_BY_URL.put(url, cached);
    }
    return cached;
  }

  /** As Flume's serializer: {@code hdfs://} through Hadoop's file system, others as a URL. */
  private static Schema load(String url) throws IOException {
    if (url.toLowerCase(Locale.ENGLISH).startsWith("hdfs://")) {
      return HadoopSchemaFile.read(url);
    }
    try (InputStream in = new URL(url).openStream()) {
      return new Schema.Parser().parse(in);
    }
  }

  /** Builds the serializer for the HDFS sink; the context holds the {@code serializer.*} keys. */
  public static final class Builder implements EventSerializer.Builder {
    @Override
    public EventSerializer build(Context context, OutputStream out) {
      Settings s = new Settings(context.getParameters());
      String codecName = s.required(COMPRESSION_CODEC);
      CodecFactory codec;
      try {
        codec = CodecFactory.fromString(codecName);
      } catch (RuntimeException e) {
        throw new ConfigException(COMPRESSION_CODEC, "unknown Avro codec '" + codecName + "'");
      }
      int sync = s.intValue(SYNC_INTERVAL_BYTES, 32, 1 << 30);
      return new RowBlockSerializer(out, codec, sync);
    }
  }
}
