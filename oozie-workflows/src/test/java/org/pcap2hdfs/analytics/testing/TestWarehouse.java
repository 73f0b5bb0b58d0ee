package org.pcap2hdfs.analytics.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.pcap2hdfs.compaction.CompactionConfig;
import org.pcap2hdfs.compaction.CompactionHooks;
import org.pcap2hdfs.compaction.Compactor;
import org.pcap2hdfs.compaction.testing.StagedAvro;
import org.pcap2hdfs.compaction.testing.SyntheticRows;
import org.pcap2hdfs.row.Fields;
import org.pcap2hdfs.row.Row;

/**
 * A warehouse made by the real compaction job from staged synthetic rows that also carry enrichment
 * (customers, countries, ASNs), two locations and response-only rows; every row staged is counted
 * into an {@link ExpectedAggregates} as well.
 */
public final class TestWarehouse {
  private static final String[] COUNTRIES = {"CA", "NL", "JP", null};
  private final Path root;
  private final Configuration conf = new Configuration();
  private final FileSystem fs;
  private final ExpectedAggregates expected;
  private int files;

  public TestWarehouse(Path root, int topN) throws IOException {
    this.root = root;
    this.fs = FileSystem.getLocal(conf).getRawFileSystem();
    this.expected = new ExpectedAggregates(topN);
  }

  public Path warehouse() {
    return root.resolve("warehouse");
  }

  public ExpectedAggregates expected() {
    return expected;
  }

  /** Stages rows [from, to) of a day and server, compacts them, counts them as expected. */
  public void add(LocalDate day, String server, long seed, long from, long to) throws IOException {
    long startUs = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    SyntheticRows g = new SyntheticRows(seed, startUs, 1_000_000, server);
    StagedAvro.RowSource source =
        (row, i) -> {
          g.fill(row, i);
          enrich(row, i);
        };
    String partition =
        "year=" + day.getYear() + "/month=" + day.getMonthValue() + "/day=" + day.getDayOfMonth();
    StagedAvro.write(
        fs,
        new org.apache.hadoop.fs.Path(
            root.resolve("staging/" + partition + "/server=" + server + "/f" + files++ + ".avro")
                .toUri()),
        source,
        from,
        to,
        CodecFactory.nullCodec());
    Row row = new Row();
    for (long i = from; i < to; i++) {
      source.fill(row, i);
      expected.add(day, server, row);
    }
    Configuration c = new Configuration(conf);
    c.set(CompactionConfig.STAGING_DIR, root.resolve("staging").toUri().toString());
    c.set(CompactionConfig.WAREHOUSE_DIR, warehouse().toUri().toString());
    c.set(CompactionConfig.PARTITIONS, partition + "/server=" + server);
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    new Compactor(CompactionConfig.from(c), clock, CompactionHooks.NONE).run();
  }

  private static void enrich(Row row, long i) {
    row.setString(Fields.SERVER_LOCATION, i % 3 == 0 ? "ams" : "yul");
    String country = COUNTRIES[(int) (i % COUNTRIES.length)];
    if (country != null) {
      row.setString(Fields.COUNTRY, country);
      row.setString(Fields.ASN, "AS" + (64_500 + i % 7));
    }
    int customer = row.getString(Fields.DOMAINNAME).hashCode() & 3;
    if (customer != 0) {
      row.setString(Fields.CUSTOMER_ID, "c" + customer);
      row.setString(Fields.CUSTOMER_NAME, "Customer " + customer);
    }
    if (i % 41 == 0) {
      // A response without its query: the query side is null.
      row.setNull(Fields.REQ_LEN);
      row.setNull(Fields.Q_QDCOUNT);
    }
  }
}
