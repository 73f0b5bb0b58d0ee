package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap2hdfs.testing.Captures2;
import org.pcap2hdfs.testing.Decoded;
import org.pcap2hdfs.testing.RowDiff;

/**
 * A stream split over files gives the same rows whether one decoder reads all files, or the state
 * at a file boundary is written, and a new decoder (a restarted agent) reads it and goes on.
 */
class StreamStateTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1_000, 17_777, 31_313})
  void stateCarriedAcrossARestartLosesNothing(int cut) throws Exception {
    Path[] parts = split(Decoded.resource("generated__knot-example.ca-geo.pcap.gz"), cut);
    List<Map<String, Object>> straight = Decoded.files(parts).rows;

    List<Map<String, Object>> restarted = new ArrayList<>();
    StreamDecoder first = decoder(restarted);
    first.decode(parts[0], parts[0].getFileName().toString());
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    first.writeState(new DataOutputStream(state));
    long pendingAtBoundary = first.counters().pendingQueries;

    StreamDecoder second = decoder(restarted);
    second.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
    second.decode(parts[1], parts[1].getFileName().toString());
    second.finish();

    assertThat(pendingAtBoundary).as("the cut leaves queries pending").isPositive();
    assertThat(restarted).hasSameSizeAs(straight);
    RowDiff.assertSame(RowDiff.byEventId(restarted), RowDiff.byEventId(straight));
    assertThat(straight).hasSize(24_843);
  }

  @Test
  void tcpDataWaitingBehindAHoleIsCarriedWithItsCaptureTimes() throws Exception {
    // Answers wait behind a lost segment at the cut (frames 10.. of 27 are early segments).
    Path[] parts = split(Decoded.resource("fixtures/tcp-loss-unacked-open.pcap"), 15);
    List<Map<String, Object>> straight = Decoded.files(parts).rows;

    List<Map<String, Object>> restarted = new ArrayList<>();
    StreamDecoder first = decoder(restarted);
    first.decode(parts[0], parts[0].getFileName().toString());
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    first.writeState(new DataOutputStream(state));
    StreamDecoder second = decoder(restarted);
    second.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
    second.decode(parts[1], parts[1].getFileName().toString());
    second.finish();

    assertThat(restarted).hasSize(20).hasSameSizeAs(straight);
    RowDiff.assertSame(RowDiff.byEventId(restarted), RowDiff.byEventId(straight));
    assertThat(second.counters().tcpGaps).isEqualTo(1);
  }

  @Test
  void aVersion1StateIsStillRead() throws Exception {
    // Written before TCP loss handling, after 15 frames: 19 queries pending, answers waiting.
    Path[] parts = split(Decoded.resource("fixtures/tcp-loss-unacked-open.pcap"), 15);
    byte[] state = Files.readAllBytes(Decoded.resource("fixtures/tcp-loss-unacked-open.state-v1"));
    List<Map<String, Object>> rows = new ArrayList<>();
    StreamDecoder upgraded = decoder(rows);
    upgraded.readState(new DataInputStream(new ByteArrayInputStream(state)));
    assertThat(upgraded.counters().pendingQueries).isEqualTo(19);
    upgraded.decode(parts[1], parts[1].getFileName().toString());
    upgraded.finish();

    assertThat(rows).hasSize(19);
    assertThat(upgraded.counters().matched).isEqualTo(18);
    assertThat(upgraded.counters().unanswered).isEqualTo(1);
    assertThat(upgraded.counters().tcpGaps).isEqualTo(1);
  }

  @Test
  void stateOfAnotherVersionIsRefused() {
    byte[] bogus = {0x50, 0x32, 0x48, 0x53, 0, 0, 0, 99};
    assertThatThrownBy(
            () ->
                decoder(new ArrayList<>())
                    .readState(new DataInputStream(new ByteArrayInputStream(bogus))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 99");
  }

  private static StreamDecoder decoder(List<Map<String, Object>> rows) {
    return new StreamDecoder(DecoderConfig.defaults(), "ns1", "test", r -> rows.add(r.toMap()));
  }

  private Path[] split(Path capture, int cut) throws Exception {
    return Captures2.split(capture, dir, "part", cut);
  }
}
