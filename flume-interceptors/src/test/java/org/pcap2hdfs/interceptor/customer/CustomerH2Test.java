package org.pcap2hdfs.interceptor.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.pcap2hdfs.interceptor.TestEvents.context;
import static org.pcap2hdfs.interceptor.TestEvents.counter;
import static org.pcap2hdfs.interceptor.TestEvents.decode;
import static org.pcap2hdfs.interceptor.TestEvents.event;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flume.Context;
import org.apache.flume.FlumeException;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/** The local default: an embedded H2 database seeded from conf/customers/customer-zones.sql. */
class CustomerH2Test {
  static final Path SEED = Paths.get("../conf/customers/customer-zones.sql").toAbsolutePath();
  static final String H2_URL = "jdbc:h2:mem:customers;INIT=RUNSCRIPT FROM '" + SEED + "'";

  private static Interceptor start(Context c) {
    CustomerInterceptor.Builder b = new CustomerInterceptor.Builder();
    b.configure(c);
    Interceptor i = b.build();
    i.initialize();
    return i;
  }

  private static Row enrich(Interceptor i, String qname) {
    return decode(i.intercept(event("81.2.69.142", null, qname)));
  }

  @Test
  void fillsTheCustomerOfTheLongestMatchingZone() {
    Interceptor customers = start(context("jdbcUrl", H2_URL, "counterGroup", "customer-h2"));
    try {
      Row www = enrich(customers, "www.example.ca");
      assertThat(www.getString(Fields.ZONE)).isEqualTo("example.ca");
      assertThat(www.getString(Fields.CUSTOMER_ID)).isEqualTo("C001");
      assertThat(www.getString(Fields.CUSTOMER_NAME)).isEqualTo("Example Registry");

      Row wild = enrich(customers, "willow.wild.example.ca");
      assertThat(wild.getString(Fields.ZONE)).isEqualTo("wild.example.ca");
      assertThat(wild.getString(Fields.CUSTOMER_ID)).isEqualTo("C002");
      assertThat(wild.getString(Fields.CUSTOMER_NAME)).isEqualTo("Wildcard Hosting Inc.");

      assertThat(enrich(customers, "Mail.Example.NET.").getString(Fields.CUSTOMER_ID))
          .isEqualTo("C004");
      for (String outside : new String[] {"notexample.ca", "example.com", ".", "ca"}) {
        Row r = enrich(customers, outside);
        assertThat(r.isNull(Fields.ZONE)).as(outside).isTrue();
        assertThat(r.isNull(Fields.CUSTOMER_ID)).as(outside).isTrue();
      }
      assertThat(counter("customer-h2", "RowsEnriched")).isEqualTo(3);
      assertThat(counter("customer-h2", "LookupsMissed")).isEqualTo(4);
      assertThat(counter("customer-h2", "Refreshes")).isEqualTo(1);
    } finally {
      customers.close();
    }
  }

  private static String configureError(String... keyValues) {
    Throwable t =
        catchThrowable(() -> new CustomerInterceptor.Builder().configure(context(keyValues)));
    assertThat(t).isInstanceOf(FlumeException.class);
    return t.getMessage();
  }

  @Test
  void invalidSettingsFailAtConfigureNamingTheKey() {
    assertThat(configureError()).contains("jdbcUrl").contains("required");
    assertThat(configureError("jdbcUrl", "jdbc:nosuchdb://x"))
        .contains("jdbcUrl")
        .contains("no JDBC driver");
    assertThat(configureError("jdbcUrl", H2_URL, "password", "a", "passwordEnv", "B"))
        .contains("password")
        .contains("only one");
    assertThat(configureError("jdbcUrl", H2_URL, "passwordEnv", "P2H_NO_SUCH_VARIABLE"))
        .contains("passwordEnv")
        .contains("P2H_NO_SUCH_VARIABLE");
    assertThat(configureError("jdbcUrl", H2_URL, "passwordFile", "/nonexistent/secret"))
        .contains("passwordFile")
        .contains("/nonexistent/secret");
    assertThat(configureError("jdbcUrl", H2_URL, "onStartFailure", "retry"))
        .contains("onStartFailure")
        .contains("fail, empty");
    assertThat(configureError("jdbcUrl", H2_URL, "refreshMillis", "10"))
        .contains("refreshMillis")
        .contains("minimum 100");
    assertThat(configureError("jdbcUrl", H2_URL, "driverClass", "org.example.NoDriver"))
        .contains("driverClass");
  }

  @Test
  void aQueryWithTooFewColumnsFailsAtStart() {
    CustomerInterceptor.Builder b = new CustomerInterceptor.Builder();
    b.configure(
        context("jdbcUrl", H2_URL, "query", "SELECT zone, customer_id FROM customer_zones"));
    Interceptor i = b.build();
    assertThat(catchThrowable(i::initialize))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("jdbc:h2:mem:customers");
  }
}
