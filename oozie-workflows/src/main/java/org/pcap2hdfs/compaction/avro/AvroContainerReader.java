package org.pcap2hdfs.compaction.avro;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.avro.Schema;
import org.apache.avro.file.AvroCodecs;
import org.apache.avro.file.Codec;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.xerial.snappy.Snappy;

/**
 * A strict reader of the Avro object container format, block by block: header (magic, metadata,
 * sync marker), then per block the record count, the byte size, the (compressed) records and the
 * sync marker. Unlike Avro's {@code DataFileStream}, which ends silently at a truncated block, a
 * file that ends inside a block or has a wrong sync marker is an error.
 */
final class AvroContainerReader implements AutoCloseable {
  private final PushbackInputStream in;
  private final Counting counted;
  private final BinaryDecoder decoder;
  private final Schema schema;
  private final Codec codec;
  private final boolean snappy;
  private final CRC32 crc = new CRC32();
  private byte[] uncompressed = new byte[0];
  private final byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
  private final byte[] syncRead = new byte[DataFileConstants.SYNC_SIZE];
  private byte[] raw = new byte[1 << 16];
  private long blockCount;
  private ByteBuffer block;
  private long position;

  AvroContainerReader(InputStream stream) throws IOException {
    in = new PushbackInputStream(new BufferedInputStream(stream, 1 << 16), 1);
    counted = new Counting(in);
    decoder = DecoderFactory.get().directBinaryDecoder(counted, null);
    byte[] magic = new byte[DataFileConstants.MAGIC.length];
    int got = 0;
    while (got < magic.length) {
      int b = counted.read();
      if (b < 0) {
        break;
      }
      magic[got++] = (byte) b;
    }
    if (!Arrays.equals(magic, 0, got, DataFileConstants.MAGIC, 0, got)) {
      throw new IOException("not an Avro object container file (bad magic)");
    }
    Map<String, byte[]> meta = new HashMap<>();
    try {
      if (got < magic.length) {
        throw new EOFException();
      }
      for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
        for (long i = 0; i < n; i++) {
          String key = decoder.readString();
          ByteBuffer v = decoder.readBytes(null);
          byte[] b = new byte[v.remaining()];
          v.get(b);
          meta.put(key, b);
        }
      }
      decoder.readFixed(sync);
    } catch (EOFException e) {
      throw new TornHeaderException(counted.count);
    }
    byte[] s = meta.get(DataFileConstants.SCHEMA);
    if (s == null) {
      throw new IOException("Avro header has no schema");
    }
    schema = new Schema.Parser().parse(new String(s, StandardCharsets.UTF_8));
    byte[] c = meta.get(DataFileConstants.CODEC);
    String codecName =
        c == null ? DataFileConstants.NULL_CODEC : new String(c, StandardCharsets.UTF_8);
    codec = AvroCodecs.byName(codecName);
    snappy = DataFileConstants.SNAPPY_CODEC.equals(codecName);
    position = counted.count;
  }

  Schema schema() {
    return schema;
  }

  /**
   * Reads the next block.
   *
   * @return false at the end of the file (which must fall between blocks)
   * @throws EOFException when the file ends inside a block
   */
  boolean nextBlock() throws IOException {
    int b = in.read();
    if (b < 0) {
      return false;
    }
    in.unread(b);
    blockCount = decoder.readLong();
    long size = decoder.readLong();
    if (blockCount < 0 || size < 0 || size > Integer.MAX_VALUE - 16) {
      throw new IOException("bad block header: " + blockCount + " records, " + size + " bytes");
    }
    try {
      readBlockBytes((int) size);
      decoder.readFixed(syncRead);
    } catch (EOFException e) {
      throw new EOFException(
          "file ends inside a block of " + blockCount + " records and " + size + " bytes");
    }
    if (!Arrays.equals(sync, syncRead)) {
      throw new IOException("wrong sync marker after a block of " + blockCount + " records");
    }
    block =
        snappy ? snappyBlock((int) size) : codec.decompress(ByteBuffer.wrap(raw, 0, (int) size));
    position = counted.count;
    return true;
  }

  /**
   * Reads a block's {@code size} bytes into {@link #raw}, which grows only as the bytes arrive: a
   * corrupt size in a block header ends in an EOF after what the file holds, never in an allocation
   * of the size it claims.
   */
  private void readBlockBytes(int size) throws IOException {
    int got = 0;
    while (got < size) {
      if (got == raw.length) {
        raw = Arrays.copyOf(raw, (int) Math.min(size, raw.length * 2L));
      }
      int r = counted.read(raw, got, Math.min(size, raw.length) - got);
      if (r < 0) {
        throw new EOFException();
      }
      got += r;
    }
  }

  /** Bytes from the start of the file to the end of the header or of the last complete block. */
  long position() {
    return position;
  }

  /** Reads to the end of the file; returns the number of bytes it holds. */
  long drain() throws IOException {
    while (counted.read(raw, 0, raw.length) >= 0) {
      // counted
    }
    return counted.count;
  }

  /**
   * Avro's snappy codec (compressed bytes, then the CRC32 of the uncompressed ones, big-endian),
   * decompressed into a buffer reused from block to block: Avro's own codec allocates a new one for
   * every block.
   */
  private ByteBuffer snappyBlock(int size) throws IOException {
    if (size < 4) {
      throw new IOException("snappy block of " + size + " bytes has no checksum");
    }
    int n = Snappy.uncompressedLength(raw, 0, size - 4);
    // Snappy expands at most ~21x (a 3-byte copy of 64 bytes): a larger claim is corruption, not
    // a buffer to allocate.
    if (n < 0 || n > (size - 4) * 24L + 64) {
      throw new IOException(
          "corrupt snappy block: " + (size - 4) + " bytes claim " + n + " uncompressed");
    }
    if (uncompressed.length < n) {
      uncompressed = new byte[Math.max(n, uncompressed.length * 2)];
    }
    int got = Snappy.uncompress(raw, 0, size - 4, uncompressed, 0);
    crc.reset();
    crc.update(uncompressed, 0, got);
    int expected =
        ((raw[size - 4] & 0xFF) << 24)
            | ((raw[size - 3] & 0xFF) << 16)
            | ((raw[size - 2] & 0xFF) << 8)
            | (raw[size - 1] & 0xFF);
    if ((int) crc.getValue() != expected) {
      throw new IOException("Checksum failure");
    }
    return ByteBuffer.wrap(uncompressed, 0, got);
  }

  /** Records in the current block. */
  long blockCount() {
    return blockCount;
  }

  /** The current block's records, uncompressed (array-backed). */
  ByteBuffer block() {
    return block;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * The file ends inside its header (after a correct start of the magic): a writer died before its
   * first flush had written the whole header, so no block (no row) can follow.
   */
  static final class TornHeaderException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final long bytes;

    TornHeaderException(long bytes) {
      super("file ends inside its Avro header, after " + bytes + " bytes");
      this.bytes = bytes;
    }

    /** The bytes the file holds. */
    long bytes() {
      return bytes;
    }
  }

  /** Counts the bytes the decoder consumes (a byte peeked and unread is counted once). */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    /** Reads, as a seekable stream may skip past its end. */
    @Override
    public long skip(long n) throws IOException {
      if (n <= 0) {
        return 0;
      }
      int got = read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
      return Math.max(got, 0);
    }
  }
}
