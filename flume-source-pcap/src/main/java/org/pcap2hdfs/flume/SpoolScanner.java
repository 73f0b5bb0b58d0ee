package org.pcap2hdfs.flume;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the capture files ready to read and groups them by stream (a server at a location), each
 * stream's files in order. A file is ready when it matches includePattern, not ignorePattern, is
 * not marked done or failed, has been left unmodified for minFileAgeMs, and its path names a
 * server.
 */
final class SpoolScanner {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolScanner.class);

  /** A file ready to read. */
  static final class Candidate {
    final Path path;
    final String relative;
    final String server;
    final String location;
    final long modifiedMillis;
    final long size;

    Candidate(
        Path path,
        String relative,
        String server,
        String location,
        long modifiedMillis,
        long size) {
      this.path = path;
      this.relative = relative;
      this.server = server;
      this.location = location;
      this.modifiedMillis = modifiedMillis;
      this.size = size;
    }

    String baseName() {
      return path.getFileName().toString();
    }

    /** A stream is one capture point: a server at a location. */
    String stream() {
      return streamKey(server, location);
    }
  }

  private final PcapSourceConfig config;
  private final FileTracker tracker;
  private final Set<String> warnedUnmatched = ConcurrentHashMap.newKeySet();

  SpoolScanner(PcapSourceConfig config, FileTracker tracker) {
    this.config = config;
    this.tracker = tracker;
  }

  static String streamKey(String server, String location) {
    return server + "_" + location;
  }

  /** Ready files by stream (a server at a location; sorted), each list in reading order. */
  Map<String, List<Candidate>> scan(long nowMillis) throws IOException {
    Map<String, List<Candidate>> byServer = new TreeMap<>();
    Path root = config.spoolDir;
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            boolean skip =
                dir.getFileName().toString().startsWith(".")
                    || dir.equals(config.stateDir)
                    || dir.equals(config.trackerDir)
                    || dir.equals(config.failedDir);
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            consider(root, file, attrs, nowMillis, byServer);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished between listing and reading: next scan
          }
        });
    Comparator<Candidate> order =
        config.orderByModificationTime
            ? Comparator.<Candidate>comparingLong(c -> c.modifiedMillis)
                .thenComparing(c -> c.relative)
            : Comparator.comparing(c -> c.relative);
    byServer.values().forEach(list -> list.sort(order));
    return byServer;
  }

  private void consider(
      Path root, Path file, BasicFileAttributes attrs, long now, Map<String, List<Candidate>> out) {
    if (!attrs.isRegularFile()) {
      return;
    }
    String name = file.getFileName().toString();
    if (name.startsWith(".")
        || name.endsWith(config.fileSuffix)
        || name.endsWith(config.failedSuffix)
        || !config.includePattern.matcher(name).matches()
        || config.ignorePattern.matcher(name).matches()) {
      return;
    }
    long modified = attrs.lastModifiedTime().toMillis();
    if (now - modified < config.minFileAgeMillis) {
      return;
    }
    String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    if (tracker.isDone(relative)) {
      return;
    }
    Matcher m = config.serverPattern.matcher(relative);
    String server;
    String location;
    if (m.matches() && m.group("server") != null && !m.group("server").isEmpty()) {
      server = m.group("server");
      location = groupOrNull(m, "location");
    } else if (config.fixedServer != null) {
      server = config.fixedServer;
      location = null;
    } else {
      if (warnedUnmatched.add(relative)) {
        LOG.warn(
            "Skipping {}: its path does not match serverPattern {} and no fixed server is set",
            relative,
            config.serverPattern);
      }
      return;
    }
    Candidate c =
        new Candidate(
            file,
            relative,
            server,
            location == null || location.isEmpty() ? config.defaultLocation : location,
            modified,
            attrs.size());
    out.computeIfAbsent(c.stream(), s -> new ArrayList<>()).add(c);
  }

  private static String groupOrNull(Matcher m, String group) {
    try {
      return m.group(group);
    } catch (IllegalArgumentException e) {
      return null; // the pattern has no such group
    }
  }
}
