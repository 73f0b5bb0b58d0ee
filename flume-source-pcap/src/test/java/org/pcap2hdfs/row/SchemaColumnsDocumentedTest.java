package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The README's column tables are the schemas' (printed by {@link #main}, {@code icmp} as arg). */
class SchemaColumnsDocumentedTest {

  @Test
  void readmeListsEveryColumnWithItsTypeAndDoc() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    for (RowSchema schema : new RowSchema[] {RowSchema.get(), RowSchema.icmp()}) {
      for (Schema.Field f : schema.avro().getFields()) {
        assertThat(readme)
            .as("README row for " + schema.kindName() + " column " + f.name())
            .contains(row(f));
      }
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
    RowSchema schema = args.length > 0 ? RowSchema.ofKind(args[0]) : RowSchema.get();
    for (Schema.Field f : schema.avro().getFields()) {
      b.append(row(f)).append('\n');
    }
    System.out.print(b);
  }
}
