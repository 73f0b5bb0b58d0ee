package org.pcap2hdfs.interceptor.resolver;

import java.nio.charset.StandardCharsets;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.interceptor.net.AnswerCache;
import org.pcap2hdfs.interceptor.net.IpLiteral;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.Text;

/** Fills pub_resolver with the operator whose published egress ranges hold {@code src}. */
final class ResolverStage implements EnrichmentStage {
  private static final byte[] NONE = new byte[0];

  private final PrefixTable table;
  private final EnrichmentCounters counters;
  private final AnswerCache<byte[]> cache;
  private final byte[] address = new byte[16];
  private long missed;
  private long hits;

  ResolverStage(PrefixTable table, int cacheSize, EnrichmentCounters counters) {
    this.table = table;
    this.counters = counters;
    this.cache = new AnswerCache<>(cacheSize);
  }

  @Override
  public int[] inputFields() {
    return new int[] {Fields.SRC};
  }

  @Override
  public int[] outputFields() {
    return new int[] {Fields.PUB_RESOLVER};
  }

  @Override
  public void open() {}

  @Override
  public boolean enrich(Row row) {
    Text src = row.getText(Fields.SRC);
    if (src == null) {
      missed++;
      return false;
    }
    byte[] operator = cache.get(src.bytes(), 0, src.length());
    if (operator != null) {
      hits++;
    } else {
      operator = lookUp(src.bytes(), src.length());
      cache.put(src.bytes(), 0, src.length(), operator);
    }
    if (operator == NONE) {
      missed++;
      return false;
    }
    row.text(Fields.PUB_RESOLVER).append(operator, 0, operator.length);
    return true;
  }

  private byte[] lookUp(byte[] text, int length) {
    int n = IpLiteral.parse(text, 0, length, address);
    String label = n == 4 ? table.lookup4(address) : n == 16 ? table.lookup6(address) : null;
    return label == null ? NONE : label.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void endBatch() {
    counters.addLookups(missed, hits, 0);
    missed = 0;
    hits = 0;
  }

  @Override
  public void close() {}
}
