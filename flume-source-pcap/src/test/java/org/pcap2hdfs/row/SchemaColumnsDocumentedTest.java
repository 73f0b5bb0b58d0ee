package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The README's column table is the schema's (printed by {@link #main}). */
class SchemaColumnsDocumentedTest {

  @Test
  void readmeListsEveryColumnWithItsTypeAndDoc() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    for (Schema.Field f : RowSchema.get().avro().getFields()) {
      assertThat(readme).as("README row for column " + f.name()).contains(row(f));
    }
  }

  static String row(Schema.Field f) {
    Schema s = f.schema();
    boolean nullable = s.getType() == Schema.Type.UNION;
    String type = (nullable ? s.getTypes().get(1) : s).getType().getName();
    return "| `"
        + f.name()
        + "` | "
        + type
        + (nullable ? "" : " (required)")
        + " | "
        + f.doc().replace("|", "\\|")
        + " |";
  }

  public static void main(String[] args) {
    StringBuilder b = new StringBuilder("| column | Avro type | meaning |\n|---|---|---|\n");
    for (Schema.Field f : RowSchema.get().avro().getFields()) {
      b.append(row(f)).append('\n');
    }
    System.out.print(b);
  }
}
