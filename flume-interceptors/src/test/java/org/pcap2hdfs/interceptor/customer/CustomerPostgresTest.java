package org.pcap2hdfs.interceptor.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.pcap2hdfs.interceptor.TestEvents.context;
import static org.pcap2hdfs.interceptor.TestEvents.counter;
import static org.pcap2hdfs.interceptor.TestEvents.decode;
import static org.pcap2hdfs.interceptor.TestEvents.event;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flume.FlumeException;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.testing.LocalPostgres;

/**
 * Against the machine's real PostgreSQL: the snapshot follows the table, survives an outage (the
 * role loses its login), and an interceptor started during an outage fills in once it ends.
 */
class CustomerPostgresTest {
  private LocalPostgres pg;
  private Interceptor customers;

  @BeforeEach
  void seed() {
    pg = LocalPostgres.get();
    pg.allowLogin();
    pg.sql(
        "DROP TABLE IF EXISTS zones;"
            + " CREATE TABLE zones (name text PRIMARY KEY, cid text, cname text, active boolean);"
            + " ALTER TABLE zones OWNER TO "
            + LocalPostgres.ROLE
            + "; INSERT INTO zones VALUES ('example.ca', 'C001', 'Example Registry', true),"
            + " ('retired.example.ca', 'C099', 'Gone Ltd', false)");
  }

  @AfterEach
  void stop() {
    if (customers != null) {
      customers.close();
    }
    pg.allowLogin();
  }

  private Interceptor start(String group, String... extra) {
    String[] base = {
      "jdbcUrl", pg.jdbcUrl(),
      "user", LocalPostgres.ROLE,
      "passwordEnv", "P2H_TEST_DB_PASSWORD",
      "query", "SELECT name, cid, cname FROM zones WHERE active",
      "refreshMillis", "200",
      "retryMillis", "200",
      "counterGroup", group
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    CustomerInterceptor.Builder b = new CustomerInterceptor.Builder();
    b.configure(context(all));
    customers = b.build();
    customers.initialize();
    return customers;
  }

  private String customerOf(String qname) {
    Row r = decode(customers.intercept(event("81.2.69.142", null, qname)));
    return r.getString(Fields.CUSTOMER_ID);
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Test
  void followsTheTableAndKeepsTheLastSnapshotThroughAnOutage() throws Exception {
    start("customer-pg");
    assertThat(customerOf("www.example.ca")).isEqualTo("C001");
    assertThat(customerOf("www.retired.example.ca")).isEqualTo("C001");

    pg.sql("INSERT INTO zones VALUES ('shop.example.ca', 'C002', 'Shop Inc', true)");
    assertThat(eventually(() -> "C002".equals(customerOf("a.shop.example.ca")))).isTrue();

    pg.denyLogin();
    long failuresBefore = counter("customer-pg", "RefreshFailures");
    assertThat(eventually(() -> counter("customer-pg", "RefreshFailures") >= failuresBefore + 3))
        .isTrue();
    assertThat(customerOf("a.shop.example.ca")).isEqualTo("C002");
    assertThat(customerOf("www.example.ca")).isEqualTo("C001");

    pg.allowLogin();
    pg.sql(
        "UPDATE zones SET cname = 'Shop Incorporated', cid = 'C003' WHERE name = 'shop.example.ca'");
    assertThat(eventually(() -> "C003".equals(customerOf("a.shop.example.ca")))).isTrue();
  }

  @Test
  void anOutageIsWarnedOnceAndCountedAtEveryFailedRefresh(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("password");
    Files.write(secret, (LocalPostgres.PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    CustomerSettings settings =
        CustomerSettings.from(
            new org.pcap2hdfs.interceptor.Settings(
                context(
                    "jdbcUrl",
                    pg.jdbcUrl(),
                    "user",
                    LocalPostgres.ROLE,
                    "passwordFile",
                    secret.toString(),
                    "query",
                    "SELECT name, cid, cname FROM zones"),
                ""));
    EnrichmentCounters counters = new EnrichmentCounters("customer-pg-directory");
    ZoneDirectory directory =
        new ZoneDirectory(
            new JdbcZoneSource(
                settings.jdbcUrl, settings.user, settings.password, settings.query, 5),
            settings,
            counters);

    assertThat(directory.refresh()).isTrue();
    assertThat(directory.current().size()).isEqualTo(2);
    pg.denyLogin();
    assertThat(directory.refresh()).isFalse();
    assertThat(directory.refresh()).isFalse();
    assertThat(directory.refresh()).isFalse();
    assertThat(directory.current().size()).isEqualTo(2);
    assertThat(directory.outages()).isEqualTo(1);
    pg.allowLogin();
    assertThat(directory.refresh()).isTrue();
    pg.denyLogin();
    assertThat(directory.refresh()).isFalse();
    assertThat(directory.outages()).isEqualTo(2);
    assertThat(counters.value(EnrichmentCounters.REFRESH_FAILURES)).isEqualTo(4);
    assertThat(counters.value(EnrichmentCounters.REFRESHES)).isEqualTo(2);
  }

  @Test
  void startsEmptyDuringAnOutageAndFillsInWhenItEnds() throws Exception {
    pg.denyLogin();
    start("customer-pg-empty", "onStartFailure", "empty");
    assertThat(customerOf("www.example.ca")).isNull();
    pg.allowLogin();
    assertThat(eventually(() -> "C001".equals(customerOf("www.example.ca")))).isTrue();
    assertThat(counter("customer-pg-empty", "RefreshFailures")).isPositive();
  }

  @Test
  void failsAtStartDuringAnOutageByDefault() {
    pg.denyLogin();
    CustomerInterceptor.Builder b = new CustomerInterceptor.Builder();
    b.configure(
        context(
            "jdbcUrl",
            pg.jdbcUrl(),
            "user",
            LocalPostgres.ROLE,
            "passwordEnv",
            "P2H_TEST_DB_PASSWORD"));
    Interceptor i = b.build();
    assertThat(catchThrowable(i::initialize))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining(pg.jdbcUrl())
        .hasMessageContaining("onStartFailure");
  }
}
