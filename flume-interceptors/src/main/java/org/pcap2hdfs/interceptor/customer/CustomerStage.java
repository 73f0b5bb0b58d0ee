package org.pcap2hdfs.interceptor.customer;

import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.Text;

/** Fills customer_id, customer_name and zone from the zone that {@code qname} belongs to. */
final class CustomerStage implements EnrichmentStage {
  private final ZoneDirectory directory;
  private final EnrichmentCounters counters;
  private final int[] scratch = new int[ZoneTable.SCRATCH];
  private ZoneTable zones = ZoneTable.EMPTY;
  private long missed;

  CustomerStage(ZoneDirectory directory, EnrichmentCounters counters) {
    this.directory = directory;
    this.counters = counters;
  }

  @Override
  public int[] inputFields() {
    return new int[] {Fields.QNAME};
  }

  @Override
  public int[] outputFields() {
    return new int[] {Fields.CUSTOMER_ID, Fields.CUSTOMER_NAME, Fields.ZONE};
  }

  @Override
  public void open() {
    directory.start();
  }

  @Override
  public void beginBatch() {
    zones = directory.current();
  }

  @Override
  public boolean enrich(Row row) {
    Text qname = row.getText(Fields.QNAME);
    CustomerZone z = qname == null ? null : zones.match(qname.bytes(), 0, qname.length(), scratch);
    if (z == null) {
      missed++;
      return false;
    }
    z.write(row);
    return true;
  }

  @Override
  public void endBatch() {
    counters.addLookups(missed, 0, 0);
    missed = 0;
  }

  @Override
  public void close() {
    directory.stop();
  }
}
