package org.pcap2hdfs.compaction.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;

/**
 * N rows of {@link RealisticRows} as Avro datums in memory (64 MiB chunks), in the order the
 * compaction's default sort gives (domain, then time): the same input for every writer under test.
 */
public final class DatumArena {
  private static final int CHUNK = 64 << 20;

  private final List<byte[]> chunks = new ArrayList<>();
  private final int[] chunk;
  private final int[] offset;
  private final int[] length;
  private final long bytes;

  public DatumArena(RealisticRows gen, int rows) {
    long[] order = new long[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = (long) gen.domainRank(i) << 32 | i;
    }
    Arrays.sort(order);
    chunk = new int[rows];
    offset = new int[rows];
    length = new int[rows];
    Row row = new Row();
    ByteSink datum = new ByteSink(1024);
    byte[] current = new byte[CHUNK];
    int pos = 0;
    long total = 0;
    for (int k = 0; k < rows; k++) {
      gen.fill(row, (int) order[k]);
      datum.reset();
      AvroRowCodec.encode(row, datum);
      int len = datum.length();
      if (pos + len > CHUNK) {
        chunks.add(current);
        current = new byte[CHUNK];
        pos = 0;
      }
      System.arraycopy(datum.bytes(), 0, current, pos, len);
      chunk[k] = chunks.size();
      offset[k] = pos;
      length[k] = len;
      pos += len;
      total += len;
    }
    chunks.add(current);
    bytes = total;
  }

  public int rows() {
    return length.length;
  }

  public long bytes() {
    return bytes;
  }

  /** Hands datum k to a sink. */
  public <E extends Exception> void feed(int k, DatumSink<E> sink) throws E {
    sink.write(chunks.get(chunk[k]), offset[k], length[k]);
  }

  /** Takes one datum. */
  public interface DatumSink<E extends Exception> {
    void write(byte[] b, int off, int len) throws E;
  }
}
