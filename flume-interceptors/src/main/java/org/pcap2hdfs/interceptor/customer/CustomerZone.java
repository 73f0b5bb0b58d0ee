package org.pcap2hdfs.interceptor.customer;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/** A zone and the customer it belongs to, as UTF-8 bytes ready to copy into rows. */
final class CustomerZone {
  final byte[] zone;
  private final byte[] customerId;
  private final byte[] customerName;

  CustomerZone(String zone, String customerId, String customerName) {
    this.zone = zone.getBytes(StandardCharsets.UTF_8);
    this.customerId = customerId == null ? null : customerId.getBytes(StandardCharsets.UTF_8);
    this.customerName = customerName == null ? null : customerName.getBytes(StandardCharsets.UTF_8);
  }

  void write(Row row) {
    row.text(Fields.ZONE).append(zone, 0, zone.length);
    if (customerId != null) {
      row.text(Fields.CUSTOMER_ID).append(customerId, 0, customerId.length);
    }
    if (customerName != null) {
      row.text(Fields.CUSTOMER_NAME).append(customerName, 0, customerName.length);
    }
  }
}
