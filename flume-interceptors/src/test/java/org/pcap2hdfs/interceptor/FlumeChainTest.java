package org.pcap2hdfs.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcap2hdfs.interceptor.TestEvents.counter;
import static org.pcap2hdfs.interceptor.TestEvents.decode;
import static org.pcap2hdfs.interceptor.TestEvents.event;
import static org.pcap2hdfs.interceptor.TestEvents.resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.IcmpFields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;

/**
 * The interceptors as an agent runs them: configured from agent properties through a real
 * ChannelProcessor (which builds them with InterceptorBuilderFactory), events delivered into a real
 * MemoryChannel and taken out again.
 */
class FlumeChainTest {
  private static final String PREFIX = "org.pcap2hdfs.interceptor.";
  private static final Path SEED =
      Paths.get("../conf/customers/customer-zones.sql").toAbsolutePath();
  private static final String H2 = "jdbc:h2:mem:chain;INIT=RUNSCRIPT FROM '" + SEED + "'";
  private static final Path RESOLVERS =
      Paths.get("../conf/resolvers/public-resolvers.txt").toAbsolutePath();

  private ChannelProcessor processor;
  private MemoryChannel channel;

  @AfterEach
  void stop() {
    if (processor != null) {
      processor.close();
    }
    if (channel != null) {
      channel.stop();
    }
  }

  private void start(Context interceptors) {
    channel = new MemoryChannel();
    channel.setName("c1");
    Context settings = new Context();
    settings.put("keep-alive", "0"); // take() on the empty channel returns at once
    Configurables.configure(channel, settings);
    channel.start();
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    List<Channel> channels = new ArrayList<>();
    channels.add(channel);
    selector.setChannels(channels);
    processor = new ChannelProcessor(selector);
    processor.configure(interceptors);
    processor.initialize();
  }

  private List<Event> deliverAndTake(List<Event> events) {
    processor.processEventBatch(events);
    List<Event> taken = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (Event e; (e = channel.take()) != null; ) {
      taken.add(e);
    }
    tx.commit();
    tx.close();
    return taken;
  }

  private static List<Event> sample() {
    List<Event> events = new ArrayList<>();
    events.add(event("89.160.20.112", null, "willow.wild.example.ca"));
    events.add(event("74.125.186.5", "216.160.83.56/24", "mail.example.net"));
    events.add(EventBuilder.withBody("garbage".getBytes(StandardCharsets.US_ASCII)));
    events.add(event("2001:218::14", null, "google.com"));
    return events;
  }

  private static void assertEnriched(List<Event> out) {
    assertThat(out).hasSize(4);
    Row se = decode(out.get(0));
    assertThat(se.getString(Fields.COUNTRY)).isEqualTo("SE");
    assertThat(se.getString(Fields.CITY)).isEqualTo("Linköping");
    assertThat(se.getString(Fields.ASN)).isEqualTo("29518");
    assertThat(se.getString(Fields.CUSTOMER_ID)).isEqualTo("C002");
    assertThat(se.getString(Fields.ZONE)).isEqualTo("wild.example.ca");
    assertThat(se.isNull(Fields.PUB_RESOLVER)).isTrue();

    Row google = decode(out.get(1));
    assertThat(google.getString(Fields.PUB_RESOLVER)).isEqualTo("Google");
    assertThat(google.isNull(Fields.COUNTRY)).isTrue();
    assertThat(google.getString(Fields.EDNS_CLIENT_SUBNET_COUNTRY)).isEqualTo("US");
    assertThat(google.getString(Fields.EDNS_CLIENT_SUBNET_ASN)).isEqualTo("209");
    assertThat(google.getString(Fields.CUSTOMER_NAME)).isEqualTo("Example Networks");

    assertThat(out.get(2).getBody()).isEqualTo("garbage".getBytes(StandardCharsets.US_ASCII));

    Row jp = decode(out.get(3));
    assertThat(jp.getString(Fields.COUNTRY)).isEqualTo("JP");
    assertThat(jp.isNull(Fields.CUSTOMER_ID)).isTrue();
  }

  @Test
  void threeInterceptorsConfiguredAsInAnAgent() {
    Context c = new Context();
    c.put("interceptors", "geo cust pub");
    c.put("interceptors.geo.type", PREFIX + "geo.GeoIpInterceptor$Builder");
    c.put("interceptors.geo.locationDatabase", resource("geoip/GeoIP2-City-Test.mmdb").toString());
    c.put("interceptors.geo.asnDatabase", resource("geoip/GeoLite2-ASN-Test.mmdb").toString());
    c.put("interceptors.geo.counterGroup", "chain-geo");
    c.put("interceptors.cust.type", PREFIX + "customer.CustomerInterceptor$Builder");
    c.put("interceptors.cust.jdbcUrl", H2);
    c.put("interceptors.pub.type", PREFIX + "resolver.PublicResolverInterceptor$Builder");
    c.put("interceptors.pub.prefixFiles", RESOLVERS.toString());
    start(c);

    assertEnriched(deliverAndTake(sample()));
    assertThat(counter("chain-geo", "EventsIn")).isEqualTo(4);
    assertThat(counter("chain-geo", "EventsUndecodable")).isEqualTo(1);
    assertThat(counter("chain-geo", "RowsEnriched")).isEqualTo(3);
  }

  @Test
  void oneCombinedInterceptorConfiguredAsInAnAgent() {
    Context c = new Context();
    c.put("interceptors", "enrich");
    c.put("interceptors.enrich.type", PREFIX + "EnrichmentInterceptor$Builder");
    c.put("interceptors.enrich.stages", "geoip, customer, resolver");
    c.put("interceptors.enrich.counterGroup", "chain-all");
    c.put(
        "interceptors.enrich.geoip.locationDatabase",
        resource("geoip/GeoIP2-City-Test.mmdb").toString());
    c.put(
        "interceptors.enrich.geoip.asnDatabase",
        resource("geoip/GeoLite2-ASN-Test.mmdb").toString());
    c.put("interceptors.enrich.customer.jdbcUrl", H2);
    c.put("interceptors.enrich.resolver.prefixFiles", RESOLVERS.toString());
    start(c);

    assertEnriched(deliverAndTake(sample()));
    assertThat(counter("chain-all.geoip", "RowsEnriched")).isEqualTo(3);
    assertThat(counter("chain-all.customer", "RowsEnriched")).isEqualTo(2);
    assertThat(counter("chain-all.resolver", "RowsEnriched")).isEqualTo(1);
    assertThat(counter("chain-all.resolver", "EventsUndecodable")).isEqualTo(1);
  }

  @Test
  void icmpEventsPassUntouched() {
    Row icmp = new Row(RowSchema.icmp());
    icmp.setLong(IcmpFields.TIME, 1_700_000_000_000L);
    icmp.setLong(IcmpFields.TIME_US, 1_700_000_000_000_000L);
    icmp.setInt(IcmpFields.ICMP_TYPE, 3);
    icmp.setInt(IcmpFields.ICMP_CODE, 3);
    icmp.setInt(IcmpFields.IP_V, 4);
    icmp.setInt(IcmpFields.IP_TTL, 64);
    icmp.setString(IcmpFields.IP_SRC, "89.160.20.112");
    icmp.setString(IcmpFields.IP_DST, "192.0.2.53");
    icmp.setInt(IcmpFields.IP_LEN, 36);
    icmp.setString(IcmpFields.EVENT_ID, "00000000000000000000000000000001");
    ByteSink datum = new ByteSink(256);
    AvroRowCodec.encode(icmp, datum);
    byte[] body = datum.toByteArray();
    Event e = EventBuilder.withBody(body.clone(), Map.of(RowSchema.KIND_HEADER, "icmp"));

    Context c = new Context();
    c.put("interceptors", "enrich");
    c.put("interceptors.enrich.type", PREFIX + "EnrichmentInterceptor$Builder");
    c.put("interceptors.enrich.stages", "geoip");
    c.put("interceptors.enrich.counterGroup", "chain-icmp");
    c.put(
        "interceptors.enrich.geoip.locationDatabase",
        resource("geoip/GeoIP2-City-Test.mmdb").toString());
    start(c);

    List<Event> out = deliverAndTake(List.of(e));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getBody()).isEqualTo(body);
    assertThat(counter("chain-icmp.geoip", "EventsUndecodable")).isZero();
    assertThat(counter("chain-icmp.geoip", "RowsEnriched")).isZero();
  }

  @Test
  void theCombinedInterceptorNamesTheKeyOfABadStageSetting() {
    EnrichmentInterceptor.Builder b = new EnrichmentInterceptor.Builder();
    Context c = new Context();
    c.put("stages", "geoip customer");
    c.put("geoip.locationDatabase", "/nonexistent/City.mmdb");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> b.configure(c)))
        .hasMessageContaining("geoip.locationDatabase")
        .hasMessageContaining("/nonexistent/City.mmdb");
    Context unknown = new Context();
    unknown.put("stages", "geoip weather");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> b.configure(unknown)))
        .hasMessageContaining("stages")
        .hasMessageContaining("weather");
  }
}
