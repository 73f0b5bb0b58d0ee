package org.pcap2hdfs.compaction.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.Partition;

/**
 * What one partition's transaction publishes and consumes: the Parquet files (name, rows, bytes)
 * written under the transaction directory and the staged Avro files to delete or archive. Stored as
 * tab-separated text, ending with an {@code end} line that carries the counts, so that a truncated
 * manifest is recognised.
 */
public final class Manifest {
  static final String NAME = "MANIFEST";
  private static final String MAGIC = "pcap2hdfs-compaction-manifest\t1";

  /** A published file. */
  public static final class OutputFile {
    final String name;
    final long rows;
    final long bytes;

    public OutputFile(String name, long rows, long bytes) {
      this.name = name;
      this.rows = rows;
      this.bytes = bytes;
    }

    public String name() {
      return name;
    }

    public long rows() {
      return rows;
    }

    public long bytes() {
      return bytes;
    }
  }

  /** A consumed staging file and where it goes (null: deleted). */
  public static final class InputFile {
    final Path path;
    final Path archive;

    public InputFile(Path path, Path archive) {
      this.path = path;
      this.archive = archive;
    }

    public Path path() {
      return path;
    }

    public Path archive() {
      return archive;
    }
  }

  private final Partition partition;
  private final List<OutputFile> outputs;
  private final List<InputFile> inputs;

  public Manifest(Partition partition, List<OutputFile> outputs, List<InputFile> inputs) {
    this.partition = partition;
    this.outputs = List.copyOf(outputs);
    this.inputs = List.copyOf(inputs);
  }

  public Partition partition() {
    return partition;
  }

  public List<OutputFile> outputs() {
    return outputs;
  }

  public List<InputFile> inputs() {
    return inputs;
  }

  public long rows() {
    long n = 0;
    for (OutputFile o : outputs) {
      n += o.rows;
    }
    return n;
  }

  /** Writes the manifest (fails when it exists). */
  public void write(FileSystem fs, Path file) throws IOException {
    try (FSDataOutputStream raw = fs.create(file, false);
        Writer w = new OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\n");
      w.write("partition\t" + partition.relativePath() + "\n");
      for (OutputFile o : outputs) {
        w.write("output\t" + o.name + "\t" + o.rows + "\t" + o.bytes + "\n");
      }
      for (InputFile i : inputs) {
        w.write("input\t" + i.path + "\t" + (i.archive == null ? "" : i.archive.toString()) + "\n");
      }
      w.write("end\t" + outputs.size() + "\t" + inputs.size() + "\n");
    }
  }

  /**
   * Reads a manifest.
   *
   * @throws CompactionException when it is incomplete or malformed
   */
  public static Manifest read(FileSystem fs, Path file) throws IOException {
    Partition partition = null;
    List<OutputFile> outputs = new ArrayList<>();
    List<InputFile> inputs = new ArrayList<>();
    boolean ended = false;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      if (!MAGIC.equals(r.readLine())) {
        throw new CompactionException("not a compaction manifest: " + file);
      }
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "partition":
            partition = Partition.parse(f[1]);
            break;
          case "output":
            outputs.add(new OutputFile(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
            break;
          case "input":
            inputs.add(new InputFile(new Path(f[1]), f[2].isEmpty() ? null : new Path(f[2])));
            break;
          case "end":
            if (Integer.parseInt(f[1]) != outputs.size()
                || Integer.parseInt(f[2]) != inputs.size()) {
              throw new CompactionException("manifest counts do not match: " + file);
            }
            ended = true;
            break;
          default:
            throw new CompactionException("unknown manifest line '" + line + "' in " + file);
        }
      }
    } catch (RuntimeException e) {
      throw new CompactionException("malformed manifest " + file + ": " + e, e);
    }
    if (!ended || partition == null) {
      throw new CompactionException("incomplete manifest " + file);
    }
    return new Manifest(partition, outputs, inputs);
  }
}
