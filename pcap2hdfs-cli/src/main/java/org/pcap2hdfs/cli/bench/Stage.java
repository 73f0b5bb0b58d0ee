package org.pcap2hdfs.cli.bench;

import java.util.Locale;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.decode.DecoderConfig;

/** The cumulative stages of the decode pipeline that the benchmark measures one by one. */
public enum Stage {
  READ("a", "read"),
  DECODE("b", "+ packets + DNS parse"),
  JOIN("c", "+ join"),
  ROWS("d", "+ rows + Avro (full)");

  public final String letter;
  public final String label;

  Stage(String letter, String label) {
    this.letter = letter;
    this.label = label;
  }

  /** A stage by its letter (a-d) or name, as given on the command line. */
  public static Stage parse(String text) {
    for (Stage s : values()) {
      if (s.letter.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown stage " + text + " (a, b, c, d or " + String.join(", ", names()) + ")");
  }

  private static String[] names() {
    Stage[] v = values();
    String[] n = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      n[i] = v[i].name().toLowerCase(Locale.ENGLISH);
    }
    return n;
  }

  /** A fresh pipeline for one pass (fresh state: no join or reassembly state from the last). */
  public StagePipeline newPipeline(DecoderConfig config) {
    switch (this) {
      case READ:
        return new StagePipelines.ReadOnly();
      case DECODE:
        return new StagePipelines.DecodeAndParse(config);
      case JOIN:
        return new StagePipelines.DecodeParseJoin(config);
      default:
        return new StagePipelines.FullPipeline(config);
    }
  }

  /** One pass of a stage over a reader. */
  public interface StagePipeline {
    /** Consumes every frame of {@code reader}; returns a checksum so the work cannot be elided. */
    long run(CaptureReader reader) throws Exception;

    /** What the pass saw (frames at least; messages and rows where the stage gets that far). */
    org.pcap2hdfs.metrics.DecodeCounters counters();
  }
}
