package org.pcap2hdfs.interceptor.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Database files shared by all GeoIP interceptors of an agent: a file configured in several
 * interceptors (one per source, say) is loaded once, with one node cache and one reload thread. The
 * first interceptor's check interval applies.
 */
final class SharedDatabases {
  private static final Map<Path, Entry> OPEN = new HashMap<>();

  private static final class Entry {
    final ReloadingDatabase database;
    int users;

    Entry(ReloadingDatabase database) {
      this.database = database;
    }
  }

  private SharedDatabases() {}

  static synchronized ReloadingDatabase acquire(Path file, long checkMillis) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    Entry e = OPEN.get(key);
    if (e == null) {
      e = new Entry(new ReloadingDatabase(key, checkMillis));
      OPEN.put(key, e);
    }
    e.users++;
    return e.database;
  }

  static synchronized void release(ReloadingDatabase database) {
    Entry e = OPEN.get(database.path());
    if (e != null && e.database == database && --e.users == 0) {
      OPEN.remove(database.path());
      database.close();
    }
  }
}
