package org.pcap2hdfs.compaction.sort;

import java.io.Closeable;
import java.io.IOException;

/**
 * A forward cursor over sorted records, each a sort key and an Avro datum. The arrays returned for
 * the current record are valid until the next call of {@link #next()}.
 */
public interface RecordCursor extends Closeable {
  /** Moves to the next record; false at the end. */
  boolean next() throws IOException;

  byte[] keyArray();

  int keyOffset();

  int keyLength();

  byte[] datumArray();

  int datumOffset();

  int datumLength();

  @Override
  default void close() throws IOException {}
}
