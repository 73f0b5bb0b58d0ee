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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * The location database file is replaced while batches run: every batch keeps all its rows, every
 * row has its country throughout, and the new file's data (cities) appears without a restart.
 */
class DatabaseSwapTest {
  private static final Path COUNTRY = resource("geoip/GeoIP2-Country-Test.mmdb");
  private static final Path CITY = resource("geoip/GeoIP2-City-Test.mmdb");
  private static final int BATCH = 200;

  @TempDir Path dir;
  private final ExecutorService producer = Executors.newSingleThreadExecutor();
  private Interceptor geo;

  @AfterEach
  void stop() throws Exception {
    producer.shutdownNow();
    producer.awaitTermination(5, TimeUnit.SECONDS);
    if (geo != null) {
      geo.close();
    }
  }

  private Path startOn(Path initial, String group) throws Exception {
    Path live = dir.resolve("GeoLite2-City.mmdb");
    Files.copy(initial, live);
    GeoIpInterceptor.Builder b = new GeoIpInterceptor.Builder();
    b.configure(
        context(
            "locationDatabase", live.toString(), "reloadCheckMillis", "20", "counterGroup", group));
    geo = b.build();
    geo.initialize();
    return live;
  }

  /** Batches until stopped; fails on a lost row or a row without country; counts cities seen. */
  private Future<Integer> runBatches(AtomicBoolean stop) {
    return producer.submit(
        () -> {
          int withCity = 0;
          while (!stop.get()) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
              batch.add(event(i % 2 == 0 ? "81.2.69.142" : "89.160.20.112", null, "a.example.ca"));
            }
            List<Event> out = geo.intercept(batch);
            assertThat(out).hasSize(BATCH);
            for (int i = 0; i < BATCH; i++) {
              Row r = decode(out.get(i));
              assertThat(r.getString(Fields.COUNTRY)).isEqualTo(i % 2 == 0 ? "GB" : "SE");
              if (!r.isNull(Fields.CITY)) {
                withCity++;
              }
            }
          }
          return withCity;
        });
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  private Row enrichOne(String src) {
    return decode(geo.intercept(event(src, null, "a.example.ca")));
  }

  @Test
  void aFileMovedIntoPlaceIsUsedWithoutLosingRows() throws Exception {
    Path live = startOn(COUNTRY, "swap-move");
    assertThat(enrichOne("81.2.69.142").isNull(Fields.CITY)).isTrue();
    AtomicBoolean stop = new AtomicBoolean();
    Future<Integer> batches = runBatches(stop);
    Thread.sleep(100);

    Path next = dir.resolve("GeoLite2-City.mmdb.new");
    Files.copy(CITY, next);
    Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(eventually(() -> "London".equals(enrichOne("81.2.69.142").getString(Fields.CITY))))
        .isTrue();
    Thread.sleep(100);
    stop.set(true);
    assertThat(batches.get(10, TimeUnit.SECONDS)).isPositive();
    assertThat(counter("swap-move", "Refreshes")).isEqualTo(1);
    assertThat(counter("swap-move", "RefreshFailures")).isZero();
  }

  @Test
  void aFileOverwrittenInPlaceIsUsedToo() throws Exception {
    Path live = startOn(COUNTRY, "swap-overwrite");
    Files.copy(CITY, live, StandardCopyOption.REPLACE_EXISTING);
    assertThat(eventually(() -> "London".equals(enrichOne("81.2.69.142").getString(Fields.CITY))))
        .isTrue();
    assertThat(enrichOne("89.160.20.112").getDouble(Fields.LATITUDE)).isEqualTo(58.4167);
  }

  @Test
  void aBrokenReplacementKeepsTheLoadedVersionAndIsCounted() throws Exception {
    Path live = startOn(CITY, "swap-broken");
    AtomicBoolean stop = new AtomicBoolean();
    Future<Integer> batches = runBatches(stop);

    Path broken = dir.resolve("broken.mmdb");
    Files.write(broken, "half a database".getBytes(StandardCharsets.US_ASCII));
    Files.move(broken, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(eventually(() -> counter("swap-broken", "RefreshFailures") >= 1)).isTrue();
    assertThat(enrichOne("81.2.69.142").getString(Fields.CITY)).isEqualTo("London");

    // a good file after the broken one is picked up
    Path next = dir.resolve("next.mmdb");
    Files.copy(COUNTRY, next);
    Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(eventually(() -> enrichOne("81.2.69.142").isNull(Fields.CITY))).isTrue();
    stop.set(true);
    assertThat(batches.get(10, TimeUnit.SECONDS)).isPositive();
    assertThat(counter("swap-broken", "Refreshes")).isEqualTo(1);
    assertThat(counter("swap-broken", "RefreshFailures")).isEqualTo(1);
  }
}
