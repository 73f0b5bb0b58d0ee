package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Our MurmurHash3 x64/128 agrees with Guava's (on the test classpath via Flume). */
class EventIdTest {

  @Test
  void matchesGuavaMurmur3OnManyInputs() {
    String[] servers = {"", "ns1", "a.nic.example", "ns-with-a-longer-name-than-sixteen-bytes"};
    String[] files = {"", "x.pcap", "ns1_ams/dump-2026-11-27-22:10:00.pcap.gz"};
    for (String server : servers) {
      for (String file : files) {
        for (long index : new long[] {0, 1, 255, 65_536, Long.MAX_VALUE}) {
          assertThat(EventId.of(server, "ams", file, index))
              .isEqualTo(guava(server + "\0ams", file, index));
        }
      }
    }
  }

  @Test
  void oneInstanceReusedAcrossFilesAndIndicesStaysExact() {
    EventId ids = new EventId();
    for (String file :
        new String[] {"a.pcap", "a-much-longer-capture-file-name-2026-11-27.pcap.gz", "b"}) {
      byte[] stream = EventId.stream("ns1.example", "ams");
      byte[] name = file.getBytes(StandardCharsets.UTF_8);
      for (long index = 0; index < 300; index += 7) {
        org.pcap2hdfs.row.Text t = new org.pcap2hdfs.row.Text();
        ids.append(t, stream, name, index);
        assertThat(t.toString()).isEqualTo(guava("ns1.example\0ams", file, index));
      }
    }
  }

  @Test
  void isStableAcrossReleases() {
    // A changed id would make compaction keep rows re-delivered across an upgrade: pin one.
    String id = EventId.of("ns1", "ams", "capture.pcap", 0);
    assertThat(id).isEqualTo(guava("ns1\0ams", "capture.pcap", 0)).matches("[0-9a-f]{32}");
    assertThat(id).isNotEqualTo(EventId.of("ns1", "ams", "capture.pcap", 1));
    assertThat(id)
        .as("two sites of one server, same file name")
        .isNotEqualTo(EventId.of("ns1", "fra", "capture.pcap", 0));
  }

  private static String guava(String server, String file, long index) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(server.getBytes(StandardCharsets.UTF_8));
    b.write(0);
    b.writeBytes(file.getBytes(StandardCharsets.UTF_8));
    b.write(0);
    b.writeBytes(ByteBuffer.allocate(8).putLong(index).array());
    byte[] h = Hashing.murmur3_128().hashBytes(b.toByteArray()).asBytes();
    // Guava's bytes are h1 then h2, each little-endian; ours print h1 then h2 as big-endian hex.
    ByteBuffer le = ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    return String.format("%016x%016x", le.getLong(0), le.getLong(8));
  }
}
