package org.pcap2hdfs.interceptor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.pcap2hdfs.interceptor.EnrichmentInterceptor;
import org.pcap2hdfs.testing.DecodedRows;

/**
 * The rows an agent test expects: decode's rows run through an {@link EnrichmentInterceptor} built
 * from the agent's own interceptor settings, only its counter group renamed (to keep the agent's
 * counters apart).
 */
public final class AgentEnrichment {
  private AgentEnrichment() {}

  /**
   * Enriches {@code datums} (one Avro datum of the row schema each) in batches of 1,000 with the
   * interceptor the keys under {@code prefix} of {@code agent} configure (e.g. {@code
   * a1.sources.pcap.interceptors.enrich.}), counting under {@code counterGroup}.
   */
  public static List<GenericRecord> enrich(
      Properties agent, String prefix, String counterGroup, List<byte[]> datums) throws Exception {
    assertThat(agent.getProperty(prefix + "type"))
        .isEqualTo(EnrichmentInterceptor.Builder.class.getName());
    Context settings = new Context();
    for (String key : agent.stringPropertyNames()) {
      if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
        settings.put(key.substring(prefix.length()), agent.getProperty(key));
      }
    }
    assertThat(settings.getString("counterGroup")).as("the agent's counter group").isNull();
    settings.put("counterGroup", counterGroup);
    List<Event> events = new ArrayList<>(datums.size());
    datums.forEach(d -> events.add(EventBuilder.withBody(d)));
    EnrichmentInterceptor.Builder builder = new EnrichmentInterceptor.Builder();
    builder.configure(settings);
    Interceptor enrich = builder.build();
    enrich.initialize();
    try {
      for (int i = 0; i < events.size(); i += 1000) {
        enrich.intercept(events.subList(i, Math.min(events.size(), i + 1000)));
      }
    } finally {
      enrich.close();
    }
    List<GenericRecord> rows = new ArrayList<>(events.size());
    for (Event e : events) {
      rows.add(DecodedRows.record(e.getBody()));
    }
    return rows;
  }
}
