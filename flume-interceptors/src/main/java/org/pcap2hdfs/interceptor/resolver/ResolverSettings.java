package org.pcap2hdfs.interceptor.resolver;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.pcap2hdfs.interceptor.EnrichmentCounters;
import org.pcap2hdfs.interceptor.EnrichmentStage;
import org.pcap2hdfs.interceptor.Settings;
import org.pcap2hdfs.interceptor.StageSettings;

/** Configuration of the public-resolver stage: its keys, defaults and validation. */
public final class ResolverSettings implements StageSettings {
  /** Comma-separated prefix list files ({@code conf/resolvers/public-resolvers.txt}); required. */
  public static final String PREFIX_FILES = "prefixFiles";

  /** Entries of the per-interceptor cache of answers by address text. */
  public static final String CACHE_SIZE = "cacheSize";

  public static final int DEFAULT_CACHE_SIZE = 16_384;

  final PrefixTable table;
  final int cacheSize;

  private ResolverSettings(PrefixTable table, int cacheSize) {
    this.table = table;
    this.cacheSize = cacheSize;
  }

  /** Reads and checks the settings, and reads the prefix lists (they are small). */
  public static ResolverSettings from(Settings s) {
    String files = s.required(PREFIX_FILES);
    PrefixTable.Builder table = new PrefixTable.Builder();
    for (String name : files.split(",")) {
      if (name.trim().isEmpty()) {
        continue;
      }
      Path file = Paths.get(name.trim());
      try {
        PrefixListFile.read(file, table);
      } catch (IOException e) {
        throw s.invalid(
            PREFIX_FILES,
            "cannot read prefix list " + file.toAbsolutePath() + ": " + e.getMessage(),
            e);
      }
    }
    return new ResolverSettings(table.build(), s.intAtLeast(CACHE_SIZE, DEFAULT_CACHE_SIZE, 1));
  }

  @Override
  public String kind() {
    return "resolver";
  }

  @Override
  public EnrichmentStage newStage(EnrichmentCounters counters) {
    return new ResolverStage(table, cacheSize, counters);
  }
}
