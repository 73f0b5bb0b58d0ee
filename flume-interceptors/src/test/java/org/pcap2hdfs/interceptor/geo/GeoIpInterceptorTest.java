package org.pcap2hdfs.interceptor.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcap2hdfs.interceptor.TestEvents.context;
import static org.pcap2hdfs.interceptor.TestEvents.counter;
import static org.pcap2hdfs.interceptor.TestEvents.decode;
import static org.pcap2hdfs.interceptor.TestEvents.event;
import static org.pcap2hdfs.interceptor.TestEvents.resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowBlock;

class GeoIpInterceptorTest {
  static final Path CITY = resource("geoip/GeoIP2-City-Test.mmdb");
  static final Path COUNTRY = resource("geoip/GeoIP2-Country-Test.mmdb");
  static final Path ASN = resource("geoip/GeoLite2-ASN-Test.mmdb");

  private final List<Interceptor> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Interceptor::close);
  }

  private Interceptor start(Context c) {
    GeoIpInterceptor.Builder b = new GeoIpInterceptor.Builder();
    b.configure(c);
    Interceptor i = b.build();
    i.initialize();
    opened.add(i);
    return i;
  }

  private Interceptor cityAndAsn(String group) {
    return start(
        context(
            "locationDatabase", CITY.toString(),
            "asnDatabase", ASN.toString(),
            "counterGroup", group));
  }

  private static Row enrich(Interceptor i, String src, String ecs) {
    return decode(i.intercept(event(src, ecs, "www.example.ca")));
  }

  @Test
  void fillsCityCountryLocationAndAsnOfTheClient() {
    Interceptor geo = cityAndAsn("geo-client");
    Row se = enrich(geo, "89.160.20.112", null);
    assertThat(se.getString(Fields.COUNTRY)).isEqualTo("SE");
    assertThat(se.getString(Fields.CITY)).isEqualTo("Linköping");
    assertThat(se.getDouble(Fields.LATITUDE)).isEqualTo(58.4167);
    assertThat(se.getDouble(Fields.LONGITUDE)).isEqualTo(15.6167);
    assertThat(se.getString(Fields.ASN)).isEqualTo("29518");
    assertThat(se.getString(Fields.ASN_ORGANISATION)).isEqualTo("Bredband2 AB");

    Row us = enrich(geo, "216.160.83.56", null);
    assertThat(us.getString(Fields.COUNTRY)).isEqualTo("US");
    assertThat(us.getString(Fields.CITY)).isEqualTo("Milton");
    assertThat(us.getDouble(Fields.LATITUDE)).isEqualTo(47.2513);
    assertThat(us.getDouble(Fields.LONGITUDE)).isEqualTo(-122.3149);
    assertThat(us.getString(Fields.ASN)).isEqualTo("209");
    assertThat(us.isNull(Fields.ASN_ORGANISATION)).isTrue();

    Row gb = enrich(geo, "81.2.69.142", null);
    assertThat(gb.getString(Fields.COUNTRY)).isEqualTo("GB");
    assertThat(gb.getString(Fields.CITY)).isEqualTo("London");
    assertThat(gb.isNull(Fields.ASN)).isTrue();

    Row cn = enrich(geo, "175.16.199.15", null);
    assertThat(cn.getString(Fields.COUNTRY)).isEqualTo("CN");
    assertThat(cn.getString(Fields.CITY)).isEqualTo("Changchun");

    Row bt = enrich(geo, "67.43.156.17", null);
    assertThat(bt.getString(Fields.COUNTRY)).isEqualTo("BT");
    assertThat(bt.isNull(Fields.CITY)).isTrue();
    assertThat(bt.getString(Fields.ASN)).isEqualTo("35908");

    Row jp = enrich(geo, "2001:218::14", null);
    assertThat(jp.getString(Fields.COUNTRY)).isEqualTo("JP");
    assertThat(jp.isNull(Fields.CITY)).isTrue();
    assertThat(jp.getDouble(Fields.LATITUDE)).isEqualTo(35.68536);

    Row au = enrich(geo, "1.128.0.18", null);
    assertThat(au.isNull(Fields.COUNTRY)).isTrue();
    assertThat(au.isNull(Fields.CITY)).isTrue();
    assertThat(au.getString(Fields.ASN)).isEqualTo("1221");
    assertThat(au.getString(Fields.ASN_ORGANISATION)).isEqualTo("Telstra Pty Ltd");
  }

  @Test
  void unknownAndPrivateAddressesGiveNullsAndLeaveTheBodyAlone() {
    Interceptor geo = cityAndAsn("geo-unknown");
    for (String src : new String[] {"198.18.9.19", "10.1.2.3", "192.0.2.53", "2001:db8::53", "x"}) {
      Event in = event(src, null, "www.example.ca");
      byte[] before = in.getBody().clone();
      Row r = decode(geo.intercept(in));
      assertThat(in.getBody()).as(src).isEqualTo(before);
      for (int f :
          new int[] {
            Fields.COUNTRY, Fields.CITY, Fields.LATITUDE, Fields.ASN, Fields.ASN_ORGANISATION
          }) {
        assertThat(r.isNull(f)).as(src).isTrue();
      }
    }
    assertThat(counter("geo-unknown", "LookupsMissed")).isEqualTo(5);
    assertThat(counter("geo-unknown", "RowsEnriched")).isZero();
  }

  @Test
  void fillsCountryAndAsnOfTheClientSubnet() {
    Interceptor geo = cityAndAsn("geo-ecs");
    Row v4 = enrich(geo, "198.18.9.19", "89.160.20.112/28");
    assertThat(v4.getString(Fields.EDNS_CLIENT_SUBNET_COUNTRY)).isEqualTo("SE");
    assertThat(v4.getString(Fields.EDNS_CLIENT_SUBNET_ASN)).isEqualTo("29518");
    assertThat(v4.isNull(Fields.COUNTRY)).isTrue();

    Row v6 = enrich(geo, "81.2.69.142", "2001:218::/32");
    assertThat(v6.getString(Fields.EDNS_CLIENT_SUBNET_COUNTRY)).isEqualTo("JP");
    assertThat(v6.isNull(Fields.EDNS_CLIENT_SUBNET_ASN)).isTrue();
    assertThat(v6.getString(Fields.COUNTRY)).isEqualTo("GB");
  }

  @Test
  void aCountryDatabaseGivesTheCountryOnly() {
    Interceptor geo = start(context("locationDatabase", COUNTRY.toString()));
    Row gb = enrich(geo, "81.2.69.142", null);
    assertThat(gb.getString(Fields.COUNTRY)).isEqualTo("GB");
    assertThat(gb.isNull(Fields.CITY)).isTrue();
    assertThat(gb.isNull(Fields.LATITUDE)).isTrue();
    assertThat(gb.isNull(Fields.ASN)).isTrue();
  }

  @Test
  void anEnterpriseDatabaseServesAsCityDatabase() {
    Interceptor geo =
        start(
            context("locationDatabase", resource("geoip/GeoIP2-Enterprise-Test.mmdb").toString()));
    assertThat(enrich(geo, "81.2.69.160", null).getString(Fields.CITY)).isEqualTo("London");
  }

  @Test
  void repeatedAddressesAreAnsweredFromTheCache() {
    Interceptor geo = cityAndAsn("geo-cache");
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(event("89.160.20.112", null, "a.example.ca"));
    }
    assertThat(geo.intercept(batch)).hasSize(10);
    assertThat(counter("geo-cache", "CacheHits")).isEqualTo(9);
    assertThat(counter("geo-cache", "RowsEnriched")).isEqualTo(10);
  }

  @Test
  void anUndecodableBodyPassesUnchangedAndIsCounted() {
    Interceptor geo = cityAndAsn("geo-undecodable");
    byte[] valid = event("89.160.20.112", null, "www.example.ca").getBody();
    byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
    byte[] text = "not an avro datum".getBytes(StandardCharsets.US_ASCII);
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    List<Event> batch = new ArrayList<>();
    for (byte[] body : new byte[][] {truncated, text, valid, trailing, new byte[0]}) {
      batch.add(EventBuilder.withBody(body.clone()));
    }

    List<Event> out = geo.intercept(batch);

    assertThat(out).hasSize(5);
    assertThat(out.get(0).getBody()).isEqualTo(truncated);
    assertThat(out.get(1).getBody()).isEqualTo(text);
    assertThat(decode(out.get(2)).getString(Fields.COUNTRY)).isEqualTo("SE");
    assertThat(out.get(3).getBody()).isEqualTo(trailing);
    assertThat(out.get(4).getBody()).isEmpty();
    assertThat(counter("geo-undecodable", "EventsIn")).isEqualTo(5);
    assertThat(counter("geo-undecodable", "EventsUndecodable")).isEqualTo(4);
    assertThat(counter("geo-undecodable", "RowsEnriched")).isEqualTo(1);
  }

  /** A row block of the datums of {@code events}, as the source sends it. */
  private static Event block(List<Event> events) {
    RowBlock.Writer w = new RowBlock.Writer();
    for (Event e : events) {
      w.add(e.getBody(), 0, e.getBody().length);
    }
    Event b = EventBuilder.withBody(w.toBody());
    b.getHeaders().put(RowBlock.ROWS_HEADER, Integer.toString(w.count()));
    b.getHeaders().put("server", "ns1");
    return b;
  }

  @Test
  void everyRowOfABlockIsEnrichedAsItsOwnEventWouldBe() {
    List<Event> singles = new ArrayList<>();
    for (String src : new String[] {"89.160.20.112", "10.0.0.1", "216.160.83.56", "2001:220::1"}) {
      singles.add(event(src, "81.2.69.142", "www.example.ca"));
    }
    Event blockEvent = block(singles);
    Interceptor geo = cityAndAsn("geo-block");
    List<Event> one = new ArrayList<>();
    for (Event e : singles) {
      one.add(geo.intercept(EventBuilder.withBody(e.getBody().clone())));
    }
    long enrichedSingles = counter("geo-block", "RowsEnriched");
    Event enriched = geo.intercept(blockEvent);

    assertThat(enriched.getHeaders())
        .containsEntry(RowBlock.ROWS_HEADER, "4")
        .containsEntry("server", "ns1");
    RowBlock.Reader r = new RowBlock.Reader();
    assertThat(r.read(enriched.getBody())).isTrue();
    assertThat(r.count()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      byte[] datum = Arrays.copyOfRange(enriched.getBody(), r.offset(i), r.offset(i) + r.length(i));
      assertThat(datum).as("row " + i).isEqualTo(one.get(i).getBody());
    }
    assertThat(decode(one.get(0)).getString(Fields.COUNTRY)).isEqualTo("SE");
    // Four one-datum events, then one block of the same four rows.
    assertThat(counter("geo-block", "EventsIn")).isEqualTo(5);
    assertThat(counter("geo-block", "RowsIn")).isEqualTo(8);
    assertThat(enrichedSingles).isPositive();
    assertThat(counter("geo-block", "RowsEnriched")).isEqualTo(2 * enrichedSingles);
  }

  @Test
  void aBrokenBlockPassesUnchangedAndIsCounted() {
    Event good = block(List.of(event("89.160.20.112", null, "www.example.ca")));
    byte[] cut = Arrays.copyOf(good.getBody(), good.getBody().length - 3);
    Event broken = EventBuilder.withBody(cut);
    broken.getHeaders().putAll(good.getHeaders());
    Interceptor geo = cityAndAsn("geo-broken-block");

    Event out = geo.intercept(broken);

    assertThat(out.getBody()).isEqualTo(cut);
    assertThat(counter("geo-broken-block", "EventsUndecodable")).isEqualTo(1);
    assertThat(counter("geo-broken-block", "RowsEnriched")).isZero();
  }

  private static String configureError(Context c) {
    GeoIpInterceptor.Builder b = new GeoIpInterceptor.Builder();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> b.configure(c));
    assertThat(t).isInstanceOf(FlumeException.class);
    return t.getMessage();
  }

  @Test
  void aMissingDatabaseFailsAtConfigureNamingKeyAndPath(@TempDir Path dir) {
    Path missing = dir.resolve("GeoLite2-City.mmdb");
    assertThat(configureError(context("locationDatabase", missing.toString())))
        .contains("locationDatabase")
        .contains(missing.toString())
        .contains("does not exist");
  }

  @Test
  void aCorruptDatabaseFailsAtConfigureNamingKeyAndPath(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("text.mmdb");
    Files.write(text, "this is not a database\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(configureError(context("asnDatabase", text.toString())))
        .contains("asnDatabase")
        .contains(text.toString());

    Path truncated = dir.resolve("truncated.mmdb");
    byte[] city = Files.readAllBytes(CITY);
    Files.write(truncated, Arrays.copyOf(city, city.length / 2));
    assertThat(configureError(context("locationDatabase", truncated.toString())))
        .contains("locationDatabase")
        .contains(truncated.toString());

    Path brokenTree = resource("geoip/MaxMind-DB-test-broken-search-tree-24.mmdb");
    assertThat(configureError(context("locationDatabase", brokenTree.toString())))
        .contains("locationDatabase")
        .contains(brokenTree.toString());
  }

  @Test
  void aDatabaseOfTheWrongKindFailsAtConfigure() {
    assertThat(configureError(context("locationDatabase", ASN.toString())))
        .contains("locationDatabase")
        .contains("GeoLite2-ASN")
        .contains("City or Country");
    assertThat(configureError(context("asnDatabase", CITY.toString())))
        .contains("asnDatabase")
        .contains("GeoIP2-City");
  }

  @Test
  void noDatabaseAtAllFailsAtConfigure() {
    assertThat(configureError(context())).contains("locationDatabase").contains("asnDatabase");
    assertThat(configureError(context("locationDatabase", CITY.toString(), "cacheSize", "0")))
        .contains("cacheSize");
    assertThat(
            configureError(context("locationDatabase", CITY.toString(), "reloadCheckMillis", "x")))
        .contains("reloadCheckMillis");
  }

  @Test
  void aBrokenRecordIsALookupFailureNotAnError() {
    Interceptor geo =
        start(
            context(
                "locationDatabase",
                resource("geoip/GeoIP2-City-Test-Broken-Double-Format.mmdb").toString(),
                "counterGroup",
                "geo-broken"));
    Row r = enrich(geo, "2001:220::1", null);
    assertThat(r.isNull(Fields.COUNTRY)).isTrue();
    assertThat(counter("geo-broken", "LookupFailures")).isEqualTo(1);
  }
}
