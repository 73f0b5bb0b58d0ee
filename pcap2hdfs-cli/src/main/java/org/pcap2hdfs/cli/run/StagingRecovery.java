package org.pcap2hdfs.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Staged files a killed agent left open ({@code _*.avro.tmp}): Flume's HDFS sink never comes back
 * for them, and compaction skips in-use names. Once this run's agent has stopped (it closed its own
 * files), every such file is stale: its complete Avro blocks are copied into a closed file beside
 * it, the torn tail dropped. Every event the channel had committed is in a complete block (the sink
 * flushes before it commits); events of a torn tail were not committed and come again from the
 * channel, and duplicates of complete blocks are dropped by compaction's event_id.
 */
final class StagingRecovery {
  private StagingRecovery() {}

  /** Recovers every stale in-use file under {@code staging}; returns what it wrote. */
  static List<Path> recover(Path staging) throws IOException {
    List<Path> stale;
    try (Stream<Path> files = Files.walk(staging)) {
      stale =
          files
              .filter(p -> p.getFileName().toString().startsWith("_"))
              .filter(p -> p.getFileName().toString().endsWith(".tmp"))
              .collect(Collectors.toList());
    }
    List<Path> recovered = new ArrayList<>();
    for (Path tmp : stale) {
      String name = tmp.getFileName().toString();
      Path target =
          tmp.resolveSibling(
              name.substring(1, name.length() - ".tmp".length()) + ".recovered.avro");
      if (copyCompleteBlocks(tmp, target) > 0) {
        recovered.add(target);
      }
      Files.delete(tmp);
    }
    return recovered;
  }

  /** Copies the records of the complete blocks; returns how many. */
  private static long copyCompleteBlocks(Path from, Path to) throws IOException {
    long n = 0;
    Path partial = to.resolveSibling("." + to.getFileName() + ".part");
    try (InputStream in = Files.newInputStream(from);
        DataFileStream<GenericRecord> reader =
            new DataFileStream<>(in, new GenericDatumReader<>());
        DataFileWriter<GenericRecord> writer =
            new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(reader.getSchema()))) {
      String codec = reader.getMetaString(DataFileConstants.CODEC);
      writer.setCodec(CodecFactory.fromString(codec == null ? "null" : codec));
      writer.create(reader.getSchema(), partial.toFile());
      try {
        while (reader.hasNext()) {
          writer.append(reader.next());
          n++;
        }
      } catch (IOException | RuntimeException torn) {
        // the tail the killed writer did not finish
      }
    } catch (IOException headerTorn) {
      Files.deleteIfExists(partial);
      return 0; // killed before the header was written: nothing to keep
    }
    if (n == 0) {
      Files.deleteIfExists(partial);
      return 0;
    }
    Files.move(partial, to);
    return n;
  }
}
