package org.pcap2hdfs.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.ChannelSelectorFactory;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.EventRows;
import org.pcap2hdfs.testing.Waits;

/**
 * ICMP rows through the source: events with {@code rowkind=icmp} and the ICMP schema's URL, routed
 * by Flume's multiplexing selector (configured as in {@code
 * conf/flume/pcap-icmp-to-hdfs.properties}) to a channel of their own; DNS events (no rowkind
 * header) take the default channel.
 */
class IcmpRoutingSourceTest {
  private static final Path FIXTURE = Decoded.resource("fixtures/icmp-errors-quoting-dns.pcap");

  @TempDir Path spool;

  private final MemoryChannel dns = channel("dns");
  private final MemoryChannel icmp = channel("icmp");

  private static MemoryChannel channel(String name) {
    MemoryChannel c = new MemoryChannel();
    c.setName(name);
    Map<String, String> p = new HashMap<>();
    p.put("capacity", "1000");
    p.put("transactionCapacity", "1000");
    p.put("keep-alive", "0");
    Configurables.configure(c, new Context(p));
    c.start();
    return c;
  }

  private PcapSpoolingSource start(String... keyValues) throws Exception {
    Path server = Files.createDirectories(spool.resolve("ns1_ams"));
    Files.copy(FIXTURE, server.resolve("icmp.pcap"));
    Map<String, String> selector = new HashMap<>();
    selector.put("type", "multiplexing");
    selector.put("header", RowSchema.KIND_HEADER);
    selector.put("mapping.icmp", "icmp");
    selector.put("default", "dns");
    ChannelSelector s =
        ChannelSelectorFactory.create(List.of((Channel) dns, (Channel) icmp), selector);
    ChannelProcessor processor = new ChannelProcessor(s);
    processor.configure(new Context());
    Map<String, String> settings = new HashMap<>();
    settings.put("spoolDir", spool.toString());
    settings.put("minFileAgeMs", "0");
    settings.put("pollDelay", "50");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    PcapSpoolingSource source = new PcapSpoolingSource();
    source.setName("pcap");
    source.setChannelProcessor(processor);
    Configurables.configure(source, new Context(settings));
    source.start();
    Waits.until(
        Duration.ofSeconds(20), "the capture done", () -> source.counter().getFilesDone() == 1);
    source.stop();
    return source;
  }

  private static List<Event> drain(MemoryChannel c) {
    List<Event> out = new ArrayList<>();
    Transaction tx = c.getTransaction();
    tx.begin();
    for (Event e; (e = c.take()) != null; ) {
      out.add(e);
    }
    tx.commit();
    tx.close();
    return out;
  }

  private static List<GenericRecord> records(List<Event> events) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    for (Event e : events) {
      Schema schema =
          new Schema.Parser()
              .parse(
                  Files.readString(
                      Path.of(URI.create(e.getHeaders().get("flume.avro.schema.url")))));
      GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
      for (byte[] datum : EventRows.datums(e)) {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(datum, null);
        out.add(reader.read(null, in));
        assertThat(in.isEnd()).isTrue();
      }
    }
    return out;
  }

  @Test
  void icmpEventsCarryTheirKindAndSchemaAndTakeTheirOwnChannel() throws Exception {
    PcapSpoolingSource source = start("icmp", "true", "rowsPerEvent", "4");
    List<Event> icmpEvents = drain(icmp);
    List<Event> dnsEvents = drain(dns);

    assertThat(icmpEvents)
        .allSatisfy(
            e -> {
              assertThat(e.getHeaders()).containsEntry("rowkind", "icmp");
              assertThat(e.getHeaders().get("flume.avro.schema.url"))
                  .endsWith("/icmp_message.avsc");
              assertThat(e.getHeaders()).containsEntry("server", "ns1");
            });
    assertThat(dnsEvents)
        .allSatisfy(
            e -> {
              assertThat(e.getHeaders()).doesNotContainKey("rowkind");
              assertThat(e.getHeaders().get("flume.avro.schema.url")).endsWith("/dns_query.avsc");
            });
    List<GenericRecord> icmpRows = records(icmpEvents);
    assertThat(icmpRows).extracting(r -> r.getSchema().getName()).containsOnly("IcmpMessage");
    assertThat(icmpRows)
        .extracting(r -> r.get("icmp_type") + "/" + r.get("icmp_code") + " " + r.get("orig_dns_id"))
        .containsExactly("3/3 59311", "8/0 null", "3/4 null", "11/0 5337", "2/0 51420", "1/4 null");
    assertThat(icmpRows.get(0).get("time")).isEqualTo(1476976981078L);
    assertThat(icmpEvents.get(0).getHeaders()).containsEntry("timestamp", "1476976981078");
    assertThat(records(dnsEvents)).hasSize(4);

    PcapSourceCounter c = source.counter();
    assertThat(c.getIcmpMessages()).isEqualTo(7);
    assertThat(c.getIcmpRows()).isEqualTo(6);
    assertThat(c.getIcmpRowsAccepted()).isEqualTo(6);
    assertThat(c.getIcmpQuotingDns()).isEqualTo(3);
    assertThat(c.getIcmpMalformed()).isEqualTo(1);
    assertThat(c.getRowsAccepted()).isEqualTo(4);
  }

  @Test
  void offByDefault() throws Exception {
    PcapSpoolingSource source = start();
    assertThat(drain(icmp)).isEmpty();
    assertThat(records(drain(dns))).hasSize(4);
    assertThat(source.counter().getIcmpMessages()).isZero();
    assertThat(Files.exists(spool.resolve(".pcap2hdfs/icmp_message.avsc"))).isFalse();
  }
}
