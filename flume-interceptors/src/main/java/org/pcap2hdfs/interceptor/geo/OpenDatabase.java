package org.pcap2hdfs.interceptor.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loaded version of a database file, reference-counted: the owner holds one reference, every
 * batch that uses it holds one more, and the reader is closed when the last is released. So a
 * version swapped out while batches still use it is closed only after they finish.
 */
final class OpenDatabase {
  private static final AtomicLong GENERATIONS = new AtomicLong();

  final DatabaseReader reader;
  final DatabaseKind kind;
  final String databaseType;

  /** Unique across all loads: answers cached from one version are dropped when it changes. */
  final long generation = GENERATIONS.incrementAndGet();

  private final AtomicInteger references = new AtomicInteger(1);

  private OpenDatabase(DatabaseReader reader, DatabaseKind kind, String databaseType) {
    this.reader = reader;
    this.kind = kind;
    this.databaseType = databaseType;
  }

  /**
   * Loads {@code file} fully into memory (so later changes to the file cannot affect it) with a
   * node cache.
   *
   * @throws IOException when the file is not a MaxMind database
   * @throws UnsupportedDatabaseException when it is not a City, Country or ASN database
   */
  static OpenDatabase load(Path file) throws IOException {
    DatabaseReader reader =
        new DatabaseReader.Builder(file.toFile())
            .fileMode(Reader.FileMode.MEMORY)
            .withCache(new CHMCache())
            .build();
    String type = reader.getMetadata().getDatabaseType();
    DatabaseKind kind = DatabaseKind.of(type);
    if (kind == null) {
      reader.close();
      throw new UnsupportedDatabaseException(type);
    }
    return new OpenDatabase(reader, kind, type);
  }

  /** Takes a reference; false when this version is already closed. */
  boolean retain() {
    for (; ; ) {
      int n = references.get();
      if (n == 0) {
        return false;
      }
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    if (references.decrementAndGet() == 0) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // a memory-mode reader holds no file
      }
    }
  }

  /** A database whose type is neither City, Country nor ASN. */
  static final class UnsupportedDatabaseException extends IOException {
    UnsupportedDatabaseException(String type) {
      super("database type '" + type + "' is not a City, Country or ASN database");
    }
  }
}
