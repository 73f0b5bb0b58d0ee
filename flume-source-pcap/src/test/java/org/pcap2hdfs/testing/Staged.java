package org.pcap2hdfs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Reads the Avro files staged by Flume's HDFS sink (skipping files still open). */
public final class Staged {
  /** One staged record and the partition path it was found under. */
  public static final class Record {
    public final GenericRecord row;
    public final String partition;

    Record(GenericRecord row, String partition) {
      this.row = row;
      this.partition = partition;
    }

    public String get(String field) {
      Object v = row.get(field);
      return v == null ? null : v.toString();
    }
  }

  private Staged() {}

  /**
   * Whole rows keyed by {@code event_id}, each as Avro's JSON text of every field: comparing two of
   * these maps compares every column, in linear time (record equality re-compares the schema).
   */
  public static SortedMap<String, String> byEventId(Collection<GenericRecord> rows) {
    SortedMap<String, String> m = new TreeMap<>();
    for (GenericRecord r : rows) {
      String previous = m.put(r.get("event_id").toString(), r.toString());
      if (previous != null) {
        throw new AssertionError("event_id " + r.get("event_id") + " twice");
      }
    }
    return m;
  }

  /**
   * Every column of every row equal, keyed by {@code event_id}: a fast equality of {@link
   * #byEventId} maps and, if they differ, a failure that names the first difference (not the rows).
   */
  public static void assertSameRows(
      Collection<GenericRecord> got, Collection<GenericRecord> expected) {
    if (!byEventId(got).equals(byEventId(expected))) {
      RowDiff.assertSameRows(got, expected);
      throw new AssertionError("rows differ as JSON text but not column by column");
    }
  }

  /** The records of staged rows. */
  public static List<GenericRecord> rows(Collection<Record> staged) {
    List<GenericRecord> out = new ArrayList<>(staged.size());
    staged.forEach(r -> out.add(r.row));
    return out;
  }

  public static List<Record> read(FileSystem fs, Path root) throws IOException {
    List<Record> out = new ArrayList<>();
    if (!fs.exists(root)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    while (files.hasNext()) {
      LocatedFileStatus f = files.next();
      String name = f.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".") || !name.endsWith(".avro")) {
        continue;
      }
      String rootPath = fs.makeQualified(root).toUri().getPath();
      String partition = f.getPath().getParent().toUri().getPath().substring(rootPath.length() + 1);
      try (InputStream in = fs.open(f.getPath());
          DataFileStream<GenericRecord> avro =
              new DataFileStream<>(in, new GenericDatumReader<>())) {
        for (GenericRecord r : avro) {
          out.add(new Record(r, partition));
        }
      }
    }
    return out;
  }
}
