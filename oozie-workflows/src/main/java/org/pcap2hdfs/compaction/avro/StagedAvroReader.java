package org.pcap2hdfs.compaction.avro;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pcap2hdfs.compaction.CompactionException;
import org.pcap2hdfs.compaction.StagedFileException;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads staged Avro container files (any codec Avro knows: null, deflate, snappy, ...) row by row.
 * Files written with the event schema itself (same parsing canonical form) are read block by block,
 * handing on each datum's bytes untouched (the handler walks them). Files written with an older or
 * newer but compatible schema are resolved through Avro's generic reader and re-encoded.
 * Incompatible schemas and unreadable files fail with the file name and the number of records read;
 * {@link #recover} reads a file whose writer died up to its last complete block.
 */
public final class StagedAvroReader {
  private static final Logger LOG = LoggerFactory.getLogger(StagedAvroReader.class);

  /** Receives each row as the Avro datum bytes of the event schema. */
  public interface DatumHandler {
    /**
     * Handles the datum that starts at {@code data[pos]} and lies within {@code [pos, end)}.
     *
     * @return its length in bytes
     * @throws IOException when the bytes are not a datum of the event schema
     */
    int accept(byte[] data, int pos, int end) throws IOException;
  }

  private final FileSystem fs;
  private final RowSchema schema;
  private final long fingerprint;
  private final Row row;
  private final ByteSink reencoded = new ByteSink(4096);

  /** A reader of staged DNS query rows. */
  public StagedAvroReader(FileSystem fs) {
    this(fs, RowSchema.get());
  }

  /** A reader of staged rows of {@code schema}. */
  public StagedAvroReader(FileSystem fs, RowSchema schema) {
    this.fs = fs;
    this.schema = schema;
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema.avro());
    this.row = new Row(schema);
  }

  /** What {@link #recover} read of a file a writer left unfinished. */
  public static final class Recovered {
    private final long rows;
    private final long bytesKept;
    private final long bytesDropped;

    Recovered(long rows, long bytesKept, long bytesDropped) {
      this.rows = rows;
      this.bytesKept = bytesKept;
      this.bytesDropped = bytesDropped;
    }

    public long rows() {
      return rows;
    }

    /** Bytes of the header and the complete blocks. */
    public long bytesKept() {
      return bytesKept;
    }

    /** Bytes after the last complete block (a block cut by the crash), or of a cut header. */
    public long bytesDropped() {
      return bytesDropped;
    }
  }

  /**
   * Reads every row of a file.
   *
   * @return the number of rows read
   * @throws CompactionException naming the file and the record count when it cannot be read
   */
  public long read(Path file, DatumHandler handler) throws IOException {
    return read(file, handler, false).rows();
  }

  /**
   * Reads the rows of a file whose writer died: every complete block; a file that ends inside its
   * last block (a truncated tail) is read up to the block before, and the bytes after it are
   * counted. A file that ends inside its header (the writer died in its first flush, before any
   * commit) gives 0 rows, all its bytes dropped. Anything else (a bad magic, an unreadable schema,
   * a wrong sync marker, a corrupt block) fails as in {@link #read}.
   *
   * @throws CompactionException naming the file and the record count when it cannot be read
   */
  public Recovered recover(Path file, DatumHandler handler) throws IOException {
    return read(file, handler, true);
  }

  private Recovered read(Path file, DatumHandler handler, boolean truncatedTail)
      throws IOException {
    long records = 0;
    try {
      if (fs.getFileStatus(file).getLen() == 0) {
        LOG.warn("{} is empty (0 bytes): nothing to read", file);
        return new Recovered(0, 0, 0);
      }
      InputStream stream = fs.open(file);
      AvroContainerReader opened;
      try {
        opened = new AvroContainerReader(stream);
      } catch (IOException | RuntimeException e) {
        stream.close();
        if (truncatedTail && e instanceof AvroContainerReader.TornHeaderException) {
          // The sink commits only after a flush that wrote the header and a block: no row here.
          long bytes = ((AvroContainerReader.TornHeaderException) e).bytes();
          LOG.warn("{} ends inside its Avro header ({} bytes): no row to recover", file, bytes);
          return new Recovered(0, 0, bytes);
        }
        throw e;
      }
      try (AvroContainerReader in = opened) {
        Schema writer = in.schema();
        boolean same = SchemaNormalization.parsingFingerprint64(writer) == fingerprint;
        GenericDatumReader<GenericRecord> generic = same ? null : resolver(file, writer);
        GenericRecord rec = null;
        BinaryDecoder decoder = null;
        while (true) {
          try {
            if (!in.nextBlock()) {
              return new Recovered(records, in.position(), 0);
            }
          } catch (EOFException e) {
            if (!truncatedTail) {
              throw e;
            }
            long kept = in.position();
            return new Recovered(records, kept, in.drain() - kept);
          }
          long n = in.blockCount();
          ByteBuffer block = in.block();
          byte[] data = block.array();
          int pos = block.arrayOffset() + block.position();
          int end = pos + block.remaining();
          if (same) {
            for (long i = 0; i < n; i++) {
              pos += handler.accept(data, pos, end);
              records++;
            }
            if (pos != end) {
              throw new IOException("block has " + (end - pos) + " bytes after its last record");
            }
          } else {
            decoder = DecoderFactory.get().binaryDecoder(data, pos, end - pos, decoder);
            for (long i = 0; i < n; i++) {
              rec = generic.read(rec, decoder);
              toRow(rec, row);
              reencoded.reset();
              AvroRowCodec.encode(row, reencoded);
              handler.accept(reencoded.bytes(), 0, reencoded.length());
              records++;
            }
          }
        }
      }
    } catch (CompactionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StagedFileException(
          "cannot read staged Avro " + file + " after " + records + " records: " + e, e);
    }
  }

  private GenericDatumReader<GenericRecord> resolver(Path file, Schema writer)
      throws CompactionException {
    SchemaCompatibility.SchemaPairCompatibility compat =
        SchemaCompatibility.checkReaderWriterCompatibility(schema.avro(), writer);
    if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new StagedFileException(
          "schema mismatch: "
              + file
              + " was written with schema "
              + writer.getFullName()
              + " that cannot be read as "
              + schema.avro().getFullName()
              + " (0 records read): "
              + compat.getResult().getIncompatibilities());
    }
    LOG.info("{}: written with an older/newer compatible schema; resolving", file);
    return new GenericDatumReader<>(writer, schema.avro());
  }

  private void toRow(GenericRecord rec, Row row) {
    List<Schema.Field> fields = schema.avro().getFields();
    row.clear();
    for (int i = 0; i < fields.size(); i++) {
      Object v = rec.get(i);
      if (v == null) {
        row.setNull(i);
        continue;
      }
      switch (schema.kind(i)) {
        case RowSchema.INT:
          row.setInt(i, (Integer) v);
          break;
        case RowSchema.LONG:
          row.setLong(i, (Long) v);
          break;
        case RowSchema.BOOLEAN:
          row.setBoolean(i, (Boolean) v);
          break;
        case RowSchema.DOUBLE:
          row.setDouble(i, (Double) v);
          break;
        default:
          row.setString(i, v.toString());
      }
    }
  }
}
