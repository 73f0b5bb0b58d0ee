package org.pcap2hdfs.row;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The event schema, read once from {@code dns_query.avsc}: the single source of truth for the row's
 * fields, their order, types and nullability. {@link Row}, the Avro codec, the JSON writer and the
 * warehouse DDL all follow it.
 */
public final class RowSchema {
  /** Classpath location of the schema. */
  public static final String RESOURCE = "/org/pcap2hdfs/schema/dns_query.avsc";

  /** Value kinds of a field. */
  public static final byte INT = 0;

  public static final byte LONG = 1;
  public static final byte BOOLEAN = 2;
  public static final byte DOUBLE = 3;
  public static final byte STRING = 4;

  private static final RowSchema INSTANCE = load();

  private final Schema avro;
  private final String json;
  private final String[] names;
  private final byte[] kinds;
  private final boolean[] nullable;
  private final Map<String, Integer> index = new HashMap<>();

  private RowSchema(String json) {
    this.json = json;
    this.avro = new Schema.Parser().parse(json);
    List<Schema.Field> fields = avro.getFields();
    int n = fields.size();
    names = new String[n];
    kinds = new byte[n];
    nullable = new boolean[n];
    for (int i = 0; i < n; i++) {
      Schema.Field f = fields.get(i);
      names[i] = f.name();
      Schema s = f.schema();
      if (s.getType() == Schema.Type.UNION) {
        List<Schema> branches = s.getTypes();
        if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
          throw new IllegalStateException("field " + f.name() + ": only [\"null\", T] unions");
        }
        nullable[i] = true;
        s = branches.get(1);
      }
      kinds[i] = kindOf(f.name(), s.getType());
      index.put(f.name(), i);
    }
  }

  private static byte kindOf(String field, Schema.Type t) {
    switch (t) {
      case INT:
        return INT;
      case LONG:
        return LONG;
      case BOOLEAN:
        return BOOLEAN;
      case DOUBLE:
        return DOUBLE;
      case STRING:
        return STRING;
      default:
        throw new IllegalStateException("field " + field + ": unsupported type " + t);
    }
  }

  private static RowSchema load() {
    try (InputStream in = RowSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new RowSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RowSchema get() {
    return INSTANCE;
  }

  public Schema avro() {
    return avro;
  }

  /** The schema text exactly as shipped (for the {@code flume.avro.schema.literal} header). */
  public String json() {
    return json;
  }

  public int size() {
    return names.length;
  }

  public String name(int field) {
    return names[field];
  }

  public byte kind(int field) {
    return kinds[field];
  }

  public boolean nullable(int field) {
    return nullable[field];
  }

  /** Position of a field; fails when the schema lacks it. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalStateException("schema has no field " + name);
    }
    return i;
  }
}
