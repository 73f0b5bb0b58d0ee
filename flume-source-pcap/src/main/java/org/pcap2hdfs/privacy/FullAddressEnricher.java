package org.pcap2hdfs.privacy;

import org.pcap2hdfs.row.Row;

/**
 * Enrichment of a row while it still holds the full client address, before privacy masks it (geo
 * and ASN of the real address). Called by the row builders of several streams at once: thread-safe.
 */
public interface FullAddressEnricher extends AutoCloseable {
  /** Fills the enrichment fields of {@code row} from its full src and edns_client_subnet. */
  void enrich(Row row);

  /** Releases what the enricher holds (databases); no call to {@link #enrich} may follow. */
  @Override
  void close();
}
