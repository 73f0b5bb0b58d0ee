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
import org.pcap2hdfs.compaction.Partition;
import org.pcap2hdfs.compaction.StagedPartition;

/**
 * The slices of one run, in order: each partition is cut into {@code ceil(staged bytes / slice
 * bytes)} slices (at least one). Stored as text next to the run's output so that the tasks of a
 * MapReduce job read the same plan the driver made.
 */
public final class SlicePlan {
  private static final String MAGIC = "pcap2hdfs-compaction-plan\t1";

  private final List<Slice> slices;

  public SlicePlan(List<Slice> slices) {
    this.slices = List.copyOf(slices);
  }

  /**
   * @param txns the transaction of each partition, in the same order
   */
  public static SlicePlan of(List<StagedPartition> partitions, List<String> txns, long sliceBytes) {
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < partitions.size(); i++) {
      StagedPartition sp = partitions.get(i);
      int count = (int) Math.max(1, Math.min(4096, (sp.bytes() + sliceBytes - 1) / sliceBytes));
      for (int s = 0; s < count; s++) {
        slices.add(
            new Slice(txns.get(i), sp.partition(), s, count, sp.files(), sp.stale(), sp.bytes()));
      }
    }
    return new SlicePlan(slices);
  }

  public List<Slice> slices() {
    return slices;
  }

  public void write(FileSystem fs, Path file) throws IOException {
    try (Writer w = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\n");
      for (Slice s : slices) {
        w.write(
            String.join(
                    "\t",
                    "slice",
                    s.txn(),
                    s.partition().relativePath(),
                    Integer.toString(s.index()),
                    Integer.toString(s.count()),
                    Long.toString(s.bytes()))
                + "\n");
        for (Path f : s.files()) {
          w.write("file\t" + f + "\n");
        }
        for (Path f : s.stale()) {
          w.write("stale\t" + f + "\n");
        }
      }
      w.write("end\t" + slices.size() + "\n");
    }
  }

  public static SlicePlan read(FileSystem fs, Path file) throws IOException {
    List<Slice> slices = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      if (!MAGIC.equals(r.readLine())) {
        throw new CompactionException("not a compaction plan: " + file);
      }
      String[] head = null;
      List<Path> files = new ArrayList<>();
      List<Path> stale = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        if (f[0].equals("file")) {
          files.add(new Path(f[1]));
          continue;
        }
        if (f[0].equals("stale")) {
          stale.add(new Path(f[1]));
          continue;
        }
        if (head != null) {
          slices.add(slice(head, files, stale));
          files.clear();
          stale.clear();
          head = null;
        }
        if (f[0].equals("slice")) {
          head = f;
        } else if (f[0].equals("end") && Integer.parseInt(f[1]) == slices.size()) {
          return new SlicePlan(slices);
        } else {
          throw new CompactionException("unexpected line '" + line + "' in plan " + file);
        }
      }
    } catch (RuntimeException e) {
      throw new CompactionException("malformed plan " + file + ": " + e, e);
    }
    throw new CompactionException("incomplete plan " + file);
  }

  private static Slice slice(String[] f, List<Path> files, List<Path> stale) {
    return new Slice(
        f[1],
        Partition.parse(f[2]),
        Integer.parseInt(f[3]),
        Integer.parseInt(f[4]),
        files,
        stale,
        Long.parseLong(f[5]));
  }
}
