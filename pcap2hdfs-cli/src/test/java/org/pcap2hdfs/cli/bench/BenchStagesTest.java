package org.pcap2hdfs.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.cli.synth.CaptureGenerator;
import org.pcap2hdfs.cli.synth.CaptureWriter;
import org.pcap2hdfs.cli.synth.GeneratorConfig;
import org.pcap2hdfs.cli.synth.GroundTruth;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.metrics.DecodeCounters;

class BenchStagesTest {
  private static final int LOOPS = 3;
  private static InMemoryCapture capture;
  private static GroundTruth truth;

  @BeforeAll
  static void generate() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter(out)) {
      truth =
          new CaptureGenerator(
                  GeneratorConfig.of(8_000, 11, 20_000, GeneratorConfig.Mode.REALISTIC))
              .write(w);
    }
    capture = new InMemoryCapture("g.pcap", out.toByteArray());
  }

  @Test
  void everyStageReadsEveryFrameOfEveryLoop() throws Exception {
    for (Stage stage : Stage.values()) {
      DecodeCounters c = runOnce(stage);

      assertThat(c.packets).as(stage.name()).isEqualTo(LOOPS * 8_000L);
    }
  }

  @Test
  void decodeStageFindsEveryMessageOfEveryLoop() throws Exception {
    DecodeCounters c = runOnce(Stage.DECODE);

    assertThat(c.queries).isEqualTo(LOOPS * truth.queries);
    assertThat(c.responses).isEqualTo(LOOPS * truth.responses);
    assertThat(c.malformed).isZero();
  }

  @Test
  void loopsJoinLikeSeparateStreams() throws Exception {
    for (Stage stage : new Stage[] {Stage.JOIN, Stage.ROWS}) {
      DecodeCounters c = runOnce(stage);

      assertThat(c.rows).as(stage.name()).isEqualTo(LOOPS * truth.queries);
      assertThat(c.matched).as(stage.name()).isEqualTo(LOOPS * truth.responses);
      assertThat(c.unanswered).as(stage.name()).isEqualTo(LOOPS * truth.unanswered);
      assertThat(c.unsolicited).as(stage.name()).isZero();
      assertThat(c.tcpMessages).as(stage.name()).isEqualTo(LOOPS * truth.tcpMessages);
    }
  }

  @Test
  void eachLoopIsShiftedByTheCaptureDurationPlusTheGap() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter(out)) {
      byte[] frame = new byte[60];
      w.frame(1_000_000, frame, 0, 60);
      w.frame(1_000_500, frame, 0, 60);
      w.frame(1_002_000, frame, 0, 60);
    }
    InMemoryCapture three = new InMemoryCapture("three.pcap", out.toByteArray());
    List<Long> times = new ArrayList<>();
    try (LoopedCapture r = new LoopedCapture(List.of(three), 2)) {
      Frame f = new Frame();
      while (r.next(f)) {
        times.add(f.timestampMicros);
      }
    }

    long shift = 2_000 + LoopedCapture.GAP_MICROS;
    assertThat(times)
        .containsExactly(
            1_000_000L,
            1_000_500L,
            1_002_000L,
            1_000_000L + shift,
            1_000_500L + shift,
            1_002_000L + shift);
  }

  private static DecodeCounters runOnce(Stage stage) throws Exception {
    Stage.StagePipeline p = stage.newPipeline(DecoderConfig.defaults());
    try (LoopedCapture reader = new LoopedCapture(List.of(capture), LOOPS)) {
      p.run(reader);
    }
    return p.counters();
  }
}
