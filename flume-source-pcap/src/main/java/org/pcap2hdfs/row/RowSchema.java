package org.pcap2hdfs.row;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A row schema, read once from its {@code .avsc}: the single source of truth for the row's fields,
 * their order, types and nullability. {@link Row}, the Avro codec, the JSON writer and the
 * warehouse DDL all follow it. Two kinds of rows exist: {@link #get() DNS queries} ({@code
 * dns_query.avsc}) and {@link #icmp() ICMP messages} ({@code icmp_message.avsc}).
 */
public final class RowSchema {
  /** Classpath location of the DNS query schema. */
  public static final String RESOURCE = "/org/pcap2hdfs/schema/dns_query.avsc";

  /** Classpath location of the ICMP message schema. */
  public static final String ICMP_RESOURCE = "/org/pcap2hdfs/schema/icmp_message.avsc";

  /** Row kind names, as in the {@code rowkind} event header and the compaction's settings. */
  public static final String KIND_DNS = "dns";

  public static final String KIND_ICMP = "icmp";

  /**
   * Flume event header naming the row kind of events other than DNS ({@code rowkind=icmp}), for a
   * multiplexing channel selector; the interceptors pass such events through untouched.
   */
  public static final String KIND_HEADER = "rowkind";

  /** Value kinds of a field. */
  public static final byte INT = 0;

  public static final byte LONG = 1;
  public static final byte BOOLEAN = 2;
  public static final byte DOUBLE = 3;
  public static final byte STRING = 4;

  private static final RowSchema INSTANCE = load(RESOURCE, KIND_DNS);
  private static final RowSchema ICMP = load(ICMP_RESOURCE, KIND_ICMP);

  private final String kindName;
  private final String resource;
  private final Schema avro;
  private final String json;
  private final String[] names;
  private final byte[] kinds;
  private final boolean[] nullable;
  private final Map<String, Integer> index = new HashMap<>();

  private RowSchema(String json, String resource, String kindName) {
    this.json = json;
    this.resource = resource;
    this.kindName = kindName;
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

  private static RowSchema load(String resource, String kindName) {
    try (InputStream in = RowSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new RowSchema(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          resource,
          kindName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DNS query schema. */
  public static RowSchema get() {
    return INSTANCE;
  }

  /** The ICMP message schema. */
  public static RowSchema icmp() {
    return ICMP;
  }

  /**
   * The schema of a row kind by name ({@value #KIND_DNS} or {@value #KIND_ICMP}).
   *
   * @throws IllegalArgumentException for another name
   */
  public static RowSchema ofKind(String kind) {
    if (KIND_DNS.equals(kind)) {
      return INSTANCE;
    }
    if (KIND_ICMP.equals(kind)) {
      return ICMP;
    }
    throw new IllegalArgumentException(
        "unknown row kind '" + kind + "' (" + KIND_DNS + " or " + KIND_ICMP + ")");
  }

  /** The row kind: {@value #KIND_DNS} or {@value #KIND_ICMP}. */
  public String kindName() {
    return kindName;
  }

  /** Classpath location of the {@code .avsc}. */
  public String resource() {
    return resource;
  }

  /** The {@code .avsc} file name, e.g. {@code dns_query.avsc}. */
  public String fileName() {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  /** Whether the schema has a field of that name. */
  public boolean has(String name) {
    return index.containsKey(name);
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
