package org.pcap2hdfs.compaction.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.publish.Manifest;

/**
 * What one slice's task wrote and counted, or why its partition failed (a staged file it could not
 * read). Written by the task as {@code <txn>/_slice-NNNNN} beside its Parquet files, so that it
 * becomes visible exactly when they do (a MapReduce task attempt's files appear only when the
 * attempt commits); the driver builds the partition's manifest from the results of all its slices.
 */
public final class SliceResult {
  private static final String MAGIC = "pcap2hdfs-compaction-slice\t1";

  long rowsIn;
  long rowsOut;
  long duplicates;
  int spilledRuns;
  long staleFiles;
  long staleRows;
  long staleBytesDropped;
  long readNanos;
  long writeNanos;
  String failure;
  final List<Manifest.OutputFile> outputs = new ArrayList<>();

  /** Where the result of slice {@code index} of transaction {@code txn} is under a task's root. */
  public static Path path(Path root, String txn, int index) {
    return new Path(new Path(root, txn), String.format("_slice-%05d", index));
  }

  /** Rows of the slice read from staging (duplicates included). */
  public long rowsIn() {
    return rowsIn;
  }

  public long rowsOut() {
    return rowsOut;
  }

  public long duplicates() {
    return duplicates;
  }

  public int spilledRuns() {
    return spilledRuns;
  }

  /** Stale in-use files read (counted by slice 0 only, as every slice reads them). */
  public long staleFiles() {
    return staleFiles;
  }

  /** Rows of the slice recovered from stale in-use files. */
  public long staleRows() {
    return staleRows;
  }

  /** Bytes after the stale files' last complete block (counted by slice 0 only). */
  public long staleBytesDropped() {
    return staleBytesDropped;
  }

  public long readNanos() {
    return readNanos;
  }

  public long writeNanos() {
    return writeNanos;
  }

  /** Null, or why the slice's partition cannot be compacted (its staging is kept). */
  public String failure() {
    return failure;
  }

  public List<Manifest.OutputFile> outputs() {
    return outputs;
  }

  void write(FileSystem fs, Path file) throws IOException {
    try (Writer w = new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\n");
      w.write(
          "counts\t"
              + rowsIn
              + "\t"
              + rowsOut
              + "\t"
              + duplicates
              + "\t"
              + spilledRuns
              + "\t"
              + staleFiles
              + "\t"
              + staleRows
              + "\t"
              + staleBytesDropped
              + "\t"
              + readNanos
              + "\t"
              + writeNanos
              + "\n");
      for (Manifest.OutputFile o : outputs) {
        w.write("output\t" + o.name() + "\t" + o.rows() + "\t" + o.bytes() + "\n");
      }
      if (failure != null) {
        w.write("failure\t" + failure.replace('\n', ' ').replace('\t', ' ') + "\n");
      }
      w.write("end\t" + outputs.size() + "\n");
    }
  }

  /**
   * @throws CompactionException when the result is missing, incomplete or malformed
   */
  public static SliceResult read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      throw new CompactionException("no result of a slice at " + file);
    }
    SliceResult r = new SliceResult();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      if (!MAGIC.equals(in.readLine())) {
        throw new CompactionException("not a slice result: " + file);
      }
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "counts":
            r.rowsIn = Long.parseLong(f[1]);
            r.rowsOut = Long.parseLong(f[2]);
            r.duplicates = Long.parseLong(f[3]);
            r.spilledRuns = Integer.parseInt(f[4]);
            r.staleFiles = Long.parseLong(f[5]);
            r.staleRows = Long.parseLong(f[6]);
            r.staleBytesDropped = Long.parseLong(f[7]);
            r.readNanos = Long.parseLong(f[8]);
            r.writeNanos = Long.parseLong(f[9]);
            break;
          case "output":
            r.outputs.add(
                new Manifest.OutputFile(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
            break;
          case "failure":
            r.failure = f[1];
            break;
          case "end":
            if (Integer.parseInt(f[1]) != r.outputs.size()) {
              throw new CompactionException("slice result counts do not match: " + file);
            }
            return r;
          default:
            throw new CompactionException("unknown line '" + line + "' in " + file);
        }
      }
    } catch (RuntimeException e) {
      throw new CompactionException("malformed slice result " + file + ": " + e, e);
    }
    throw new CompactionException("incomplete slice result " + file);
  }
}
