package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The checked-in generated encoder is what the generator writes for the current schema. */
class RowEncoderTest {
  @Test
  void generatedEncoderMatchesTheSchema() throws Exception {
    String checkedIn = Files.readString(RowEncoderGenerator.SOURCE);
    assertThat(withoutWhitespace(checkedIn).equals(withoutWhitespace(RowEncoderGenerator.source())))
        .as(
            "RowEncoder.java is stale: run RowEncoderGenerator.main in flume-source-pcap, then"
                + " spotless:apply")
        .isTrue();
  }

  /** The formatter changes only whitespace (line breaks, indentation). */
  private static String withoutWhitespace(String source) {
    return source.replaceAll("\\s+", "");
  }
}
