package org.pcap2hdfs.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.pcap2hdfs.row.RowSchema;

/**
 * What the tests of the Kafka tier (capture agent, Kafka channel, HDFS writer agent) look at: the
 * topic's end offsets and the writers' committed offsets on the broker, the HDFS sink's counters in
 * JMX, and the staged Avro files on the (mini) HDFS.
 */
final class KafkaTier {
  private static final Path GEOIP = Path.of("../flume-interceptors/src/test/resources/geoip");
  private static final Path CUSTOMER_SEED = Path.of("../conf/customers/customer-zones.sql");
  private static final Path RESOLVERS = Path.of("../conf/resolvers/public-resolvers.txt");

  private final KafkaBroker kafka;
  private final FileSystem fs;

  KafkaTier(KafkaBroker kafka, FileSystem fs) {
    this.kafka = kafka;
    this.fs = fs;
  }

  /** The rows of every staged file under {@code root}, counted without keeping them. */
  long countStaged(String root) throws Exception {
    long n = 0;
    RemoteIterator<LocatedFileStatus> files =
        fs.listFiles(new org.apache.hadoop.fs.Path(root), true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path f = files.next().getPath();
      if (!f.getName().endsWith(".avro") || f.getName().startsWith("_")) {
        continue;
      }
      try (InputStream in = fs.open(f);
          DataFileStream<GenericRecord> avro =
              new DataFileStream<>(in, new GenericDatumReader<>())) {
        for (GenericRecord r = null; avro.hasNext(); n++) {
          r = avro.next(r);
        }
      }
    }
    return n;
  }

  /**
   * The placeholders that the shipped capture-host and HDFS-writer configs share, filled for this
   * broker and the test's enrichment data; files they need are written to {@code work}.
   */
  Map<String, String> agentVariables(Path work, String stagingUri) throws Exception {
    Path password = Files.writeString(work.resolve("customer-db.password"), "p2h-test-secret\n");
    Path schema = Files.writeString(work.resolve("dns_query.avsc"), RowSchema.get().json());
    Map<String, String> v = new HashMap<>();
    // The sink's serializer reads the schema from this URL on the agent's default file system.
    v.put("SCHEMA_URL", schema.toUri().toString());
    v.put("GEOIP_CITY_DB", GEOIP.resolve("GeoIP2-City-Test.mmdb").toAbsolutePath().toString());
    v.put("GEOIP_ASN_DB", GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath().toString());
    // The local default database (embedded H2 seeded from conf/customers), as CustomerH2Test.
    v.put(
        "CUSTOMER_JDBC_URL",
        "jdbc:h2:mem:customers;INIT=RUNSCRIPT FROM '" + CUSTOMER_SEED.toAbsolutePath() + "'");
    v.put("CUSTOMER_DB_USER", "flume");
    v.put("CUSTOMER_DB_PASSWORD_FILE", password.toString());
    v.put("RESOLVER_LIST", RESOLVERS.toAbsolutePath().toString());
    v.put("KAFKA_BROKERS", kafka.bootstrap());
    v.put("STAGING_URI", stagingUri);
    v.put("FILE_PREFIX", "writer1");
    return v;
  }

  /** Creates {@code topic} with {@code partitions} partitions of one replica; returns them. */
  List<TopicPartition> createTopic(String topic, int partitions) throws Exception {
    List<TopicPartition> out = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      out.add(tp(topic, i));
    }
    try (Admin admin = kafka.admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return out;
  }

  /**
   * Every staged file under {@code root}, read with Avro's stock {@code DataFileReader}: a closed
   * container file of our schema, snappy-compressed as the writer config says.
   */
  List<StagedRow> readStaged(String root) throws Exception {
    List<StagedRow> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
    String rootUri = fs.makeQualified(rootPath).toUri().getPath();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(rootPath, true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path f = files.next().getPath();
      names.add(f.getName());
      byte[] bytes;
      try (InputStream in = fs.open(f)) {
        bytes = in.readAllBytes();
      }
      String partition = f.getParent().toUri().getPath().substring(rootUri.length() + 1);
      try (DataFileReader<GenericRecord> avro =
          new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>())) {
        assertThat(avro.getMetaString("avro.codec")).as(f.toString()).isEqualTo("snappy");
        assertThat(avro.getSchema()).as(f.toString()).isEqualTo(RowSchema.get().avro());
        for (GenericRecord r : avro) {
          out.add(new StagedRow(r, partition));
        }
      }
    }
    assertThat(names)
        .as("closed files only, named by the writer's prefix")
        .isNotEmpty()
        .allMatch(n -> n.startsWith("writer1.") && n.endsWith(".avro"));
    return out;
  }

  Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      Map<TopicPartition, Long> out = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((p, o) -> out.put(p, o.offset()));
      return out;
    }
  }

  /** Whether the group has committed the end offset of every partition (or it is empty). */
  static boolean consumedAll(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L).equals(e.getValue()));
  }

  /** Whether a member of the consumer group has partitions of {@code topic} assigned. */
  boolean assigned(String group, String topic) {
    try (Admin admin = kafka.admin()) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(group)
          .members()
          .stream()
          .anyMatch(
              m ->
                  m.assignment().topicPartitions().stream().anyMatch(p -> p.topic().equals(topic)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The consumer group's committed offsets (partitions it never committed are absent). */
  Map<TopicPartition, Long> committed(String group) {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, Long> out = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      offsets.forEach(
          (p, o) -> {
            if (o != null) {
              out.put(p, o.offset());
            }
          });
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The HDFS sink's drained events, as Flume's monitoring reads them: through JMX. */
  static long sinkEventsDrained() {
    try {
      return (Long)
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new ObjectName("org.apache.flume.sink:type=hdfs"), "EventDrainSuccessCount");
    } catch (javax.management.InstanceNotFoundException e) {
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A staged record and the partition path it was found under. */
  static final class StagedRow {
    final GenericRecord row;
    final String partition;

    StagedRow(GenericRecord row, String partition) {
      this.row = row;
      this.partition = partition;
    }

    String get(String field) {
      Object v = row.get(field);
      return v == null ? null : v.toString();
    }
  }

  static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }
}
