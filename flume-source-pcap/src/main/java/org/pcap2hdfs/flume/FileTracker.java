package org.pcap2hdfs.flume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Marks capture files done (renamed with {@code fileSuffix}, deleted, or recorded in the tracker
 * directory) or failed (renamed with {@code failedSuffix} or moved to {@code failedDir}).
 */
final class FileTracker {
  private final PcapSourceConfig config;

  FileTracker(PcapSourceConfig config) {
    this.config = config;
  }

  boolean isDone(String relative) {
    return config.trackerDirPolicy && Files.exists(trackerMark(relative));
  }

  void markDone(Path file, String relative) throws IOException {
    if (config.deleteImmediately) {
      Files.deleteIfExists(file);
    } else if (config.trackerDirPolicy) {
      Path mark = trackerMark(relative);
      Files.createDirectories(mark.getParent());
      Files.write(mark, new byte[0]);
    } else {
      Files.move(
          file,
          freeName(file.resolveSibling(file.getFileName() + config.fileSuffix)),
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Sets a file aside; returns where it went. */
  Path markFailed(Path file, String relative) throws IOException {
    Path target =
        config.failedDir != null
            ? config.failedDir.resolve(relative)
            : file.resolveSibling(file.getFileName() + config.failedSuffix);
    Files.createDirectories(target.getParent());
    target = freeName(target);
    Files.move(file, target);
    return target;
  }

  private Path trackerMark(String relative) {
    return config.trackerDir.resolve(relative + config.fileSuffix);
  }

  /** {@code target}, or {@code target.1}, {@code target.2}, ... when a file of that name exists. */
  private static Path freeName(Path target) {
    Path p = target;
    for (int i = 1; Files.exists(p); i++) {
      p = target.resolveSibling(target.getFileName() + "." + i);
    }
    return p;
  }
}
