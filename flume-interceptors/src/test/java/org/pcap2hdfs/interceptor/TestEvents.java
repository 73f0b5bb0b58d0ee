package org.pcap2hdfs.interceptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/** Events as the source makes them: the body is one Avro datum of the schema, built from a Row. */
public final class TestEvents {
  private static final RowSchema SCHEMA = RowSchema.get();

  private TestEvents() {}

  /** A query row from {@code src} for {@code qname}; {@code ecs} may be null. */
  public static Row row(String src, String ecs, String qname) {
    Row r = new Row();
    r.setInt(SCHEMA.indexOf("id"), 4711);
    r.setLong(SCHEMA.indexOf("time"), 1_700_000_000_000L);
    r.setLong(SCHEMA.indexOf("time_us"), 1_700_000_000_000_000L);
    r.setInt(SCHEMA.indexOf("ipv"), src.indexOf(':') >= 0 ? 6 : 4);
    r.setInt(SCHEMA.indexOf("prot"), 17);
    r.setString(Fields.SRC, src);
    r.setInt(SCHEMA.indexOf("srcp"), 53000);
    r.setString(SCHEMA.indexOf("dst"), "192.0.2.53");
    r.setInt(SCHEMA.indexOf("dstp"), 53);
    r.setInt(SCHEMA.indexOf("opcode"), 0);
    r.setInt(SCHEMA.indexOf("rcode"), 0);
    r.setString(SCHEMA.indexOf("event_id"), "e-" + src + "-" + qname);
    r.setString(Fields.QNAME, qname);
    r.setString(Fields.EDNS_CLIENT_SUBNET, ecs);
    return r;
  }

  public static Event event(Row row) {
    ByteSink sink = new ByteSink(512);
    AvroRowCodec.encode(row, sink);
    return EventBuilder.withBody(sink.toByteArray());
  }

  public static Event event(String src, String ecs, String qname) {
    return event(row(src, ecs, qname));
  }

  public static List<Event> events(String... srcs) {
    List<Event> out = new ArrayList<>();
    for (String s : srcs) {
      out.add(event(s, null, "www.example.ca"));
    }
    return out;
  }

  /** The decoded body of {@code e}. */
  public static Row decode(Event e) {
    Row r = new Row();
    try {
      int n = AvroRowCodec.decode(e.getBody(), 0, e.getBody().length, r);
      if (n != e.getBody().length) {
        throw new IllegalStateException("trailing bytes in body");
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return r;
  }

  public static Path resource(String name) {
    try {
      return Paths.get(TestEvents.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A counter of group {@code group} as Flume's monitoring reads it: through JMX. */
  public static long counter(String group, String attribute) {
    try {
      return (Long)
          java.lang.management.ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new javax.management.ObjectName("org.apache.flume.interceptor:type=" + group),
                  attribute);
    } catch (Exception e) {
      throw new IllegalStateException("no counter " + attribute + " in group " + group, e);
    }
  }

  public static Context context(String... keyValues) {
    Context c = new Context();
    for (int i = 0; i < keyValues.length; i += 2) {
      c.put(keyValues[i], keyValues[i + 1]);
    }
    return c;
  }
}
