package org.pcap2hdfs.interceptor.customer;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.EnrichingInterceptor;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.Settings;

/**
 * Flume interceptor filling customer_id, customer_name and zone of the event body from customer
 * zones kept in a relational database. Keys: {@link CustomerSettings}.
 *
 * <pre>
 * a1.sources.r1.interceptors.cust.type = org.pcap2hdfs.interceptor.customer.CustomerInterceptor$Builder
 * a1.sources.r1.interceptors.cust.jdbcUrl = jdbc:postgresql://db.example/dns
 * a1.sources.r1.interceptors.cust.user = flume
 * a1.sources.r1.interceptors.cust.passwordFile = /etc/flume/customer-db.password
 * </pre>
 */
public final class CustomerInterceptor extends EnrichingInterceptor {
  private CustomerInterceptor(CustomerSettings settings, EnrichmentCounters counters) {
    super(List.of(settings.newStage(counters)), List.of(counters));
  }

  /** Builds the interceptor from its Flume context. */
  public static final class Builder implements Interceptor.Builder {
    private CustomerSettings settings;
    private String counterGroup;

    @Override
    public void configure(Context context) {
      Settings s = new Settings(context, "");
      settings = CustomerSettings.from(s);
      counterGroup = s.counterGroup("customer");
    }

    @Override
    public Interceptor build() {
      return new CustomerInterceptor(settings, new EnrichmentCounters(counterGroup));
    }
  }
}
