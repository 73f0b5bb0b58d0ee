package org.pcap2hdfs.flume.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap2hdfs.decode.EventId;
import org.pcap2hdfs.testing.DecodedRows;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.pcap2hdfs.testing.PcapFile;
import org.pcap2hdfs.testing.Waits;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The live source on scripted captures: rows, stop, drops, interface loss. */
class PcapLiveSourceTest {
  /** Capture times near the wall clock, which moves the join on while the capture is quiet. */
  private static final long T0 = System.currentTimeMillis() * 1000;

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static byte[] udp(String src, int sp, String dst, int dp, Message m) {
    return Packets.ethernet(Packets.ipv4(src, dst, 17, Packets.udp(sp, dp, m.toWire())));
  }

  /** Query a.test answered NXDOMAIN, query b.test answered, query c.test unanswered. */
  private static List<ScriptedCapture.Step> conversation(long t) {
    Message qa = Dns.query(1, "a.test", Type.A);
    Message qb = Dns.query(2, "b.test", Type.AAAA);
    Message qc = Dns.query(3, "c.test", Type.A);
    List<ScriptedCapture.Step> s = new ArrayList<>();
    s.add(new ScriptedCapture.Step(t, udp("192.0.2.1", 40001, "192.0.2.53", 53, qa)));
    s.add(new ScriptedCapture.Step(t + 10, udp("192.0.2.2", 40002, "192.0.2.53", 53, qb)));
    s.add(
        new ScriptedCapture.Step(
            t + 300, udp("192.0.2.53", 53, "192.0.2.1", 40001, Dns.response(qa, Rcode.NXDOMAIN))));
    s.add(
        new ScriptedCapture.Step(
            t + 400, udp("192.0.2.53", 53, "192.0.2.2", 40002, Dns.response(qb, Rcode.NOERROR))));
    s.add(new ScriptedCapture.Step(t + 500, udp("192.0.2.3", 40003, "192.0.2.53", 53, qc)));
    return s;
  }

  @Test
  void rowsEqualTheFilePathsForTheSamePacketsAndPendingQueriesComeOutAtStop() throws Exception {
    List<ScriptedCapture.Step> steps = conversation(T0);
    ScriptedCapture capture = new ScriptedCapture(steps, null, null);
    LiveHarness h = new LiveHarness(dir).start(ScriptedCapture.opener(List.of(capture)));
    Waits.until(WAIT, "the script to be captured", capture::played);
    Waits.until(WAIT, "two answered rows", () -> h.source.counter().getRowsMatched() == 2);
    List<GenericRecord> live = h.stopAndTakeRows();

    assertThat(live).hasSize(3);
    String segment = live.get(0).get("pcap_file").toString();
    assertThat(segment).matches("live_lo_\\d{8}T\\d{6}\\.\\d{6}Z");
    // The same frames as a capture file named like the segment: the very same rows, ids included.
    PcapFile file = new PcapFile(ScriptedCapture.ETHERNET);
    steps.forEach(s -> file.add(s.micros, s.frame));
    List<GenericRecord> fromFile =
        DecodedRows.of("ns1.test", "lab", file.write(dir.resolve(segment))).records();
    assertThat(live).isEqualTo(fromFile);
    assertThat(live.stream().map(r -> r.get("qname") + " " + r.get("rcode")))
        .containsExactly("a.test 3", "b.test 0", "c.test -1");
    assertThat(live.get(2).get("event_id").toString())
        .isEqualTo(EventId.of("ns1.test", "lab", segment, 4));
    assertThat(h.source.counter().getRowsUnanswered()).isEqualTo(1);
    assertThat(h.source.counter().getCapturePackets()).isEqualTo(5);
    assertThat(capture.closed).isTrue();
  }

  @Test
  void kernelDropsAreCounted() throws Exception {
    ScriptedCapture capture =
        new ScriptedCapture(conversation(T0), null, new PacketCapture.KernelStats(5, 7, 2));
    LiveHarness h = new LiveHarness(dir).start(ScriptedCapture.opener(List.of(capture)));
    Waits.until(WAIT, "the kernel drops", () -> h.source.counter().getKernelDropped() == 7);
    h.stopAndTakeRows();
    // Read every second and at the close: the counts are the kernel's totals, added once.
    assertThat(h.source.counter().getKernelDropped()).isEqualTo(7);
    assertThat(h.source.counter().getInterfaceDropped()).isEqualTo(2);
  }

  @Test
  void aFullQueueDropsPacketsAndCountsEach() throws Exception {
    int n = 20_000;
    List<ScriptedCapture.Step> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message q = Dns.query(i & 0xFFFF, "q" + i + ".test", Type.A);
      steps.add(
          new ScriptedCapture.Step(
              T0 + i, udp("192.0.2.1", 1024 + i % 60000, "192.0.2.53", 53, q)));
    }
    ScriptedCapture capture = new ScriptedCapture(steps, null, null);
    LiveHarness h =
        new LiveHarness(dir, "queueCapacity", "1").start(ScriptedCapture.opener(List.of(capture)));
    Waits.until(WAIT, "the script to be captured", capture::played);
    List<GenericRecord> rows = h.stopAndTakeRows();
    LiveSourceCounter c = h.source.counter();
    assertThat(c.getCapturePackets()).isEqualTo(n);
    assertThat(c.getQueueDropped()).isPositive();
    assertThat(c.getPackets() + c.getQueueDropped()).isEqualTo(n);
    assertThat((long) rows.size()).isEqualTo(c.getPackets());
  }

  @Test
  void aLostInterfaceIsReopenedWithBackoffAndANewSegment() throws Exception {
    ScriptedCapture first =
        new ScriptedCapture(conversation(T0), new IOException("interface went down"), null);
    ScriptedCapture second = new ScriptedCapture(conversation(T0 + 1_000_000), null, null);
    List<Object> outcomes =
        List.of(new IOException("No such device exists"), first, new IOException("gone"), second);
    LiveHarness h =
        new LiveHarness(dir, "retryMinMs", "20", "retryMaxMs", "40")
            .start(ScriptedCapture.opener(outcomes));
    Waits.until(WAIT, "the second capture", second::played);
    Waits.until(WAIT, "four answered rows", () -> h.source.counter().getRowsMatched() == 4);
    List<GenericRecord> rows = h.stopAndTakeRows();
    LiveSourceCounter c = h.source.counter();
    assertThat(c.getInterfaceFailures()).isEqualTo(3);
    assertThat(c.getCaptureOpens()).isEqualTo(2);
    assertThat(first.closed).isTrue();
    List<String> segments =
        rows.stream()
            .map(r -> r.get("pcap_file").toString())
            .distinct()
            .collect(Collectors.toList());
    assertThat(segments).hasSize(2);
    // The join goes on across the reopening; both c.test queries wait until the stop.
    assertThat(rows.stream().map(r -> r.get("qname") + " " + r.get("rcode")))
        .containsExactly("a.test 3", "b.test 0", "a.test 3", "b.test 0", "c.test -1", "c.test -1");
    // Ids restart from message 0 in the new segment.
    assertThat(rows.get(2).get("event_id").toString())
        .isEqualTo(EventId.of("ns1.test", "lab", segments.get(1), 0));
  }
}
