package org.pcap2hdfs.interceptor.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** Identity of a file's content as far as cheap metadata tells: file key (inode), size, mtime. */
final class FileStamp {
  private final Object fileKey;
  private final long size;
  private final long modifiedNanos;

  private FileStamp(Object fileKey, long size, long modifiedNanos) {
    this.fileKey = fileKey;
    this.size = size;
    this.modifiedNanos = modifiedNanos;
  }

  static FileStamp of(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new FileStamp(
        a.fileKey(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileStamp)) {
      return false;
    }
    FileStamp s = (FileStamp) o;
    return size == s.size && modifiedNanos == s.modifiedNanos && Objects.equals(fileKey, s.fileKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileKey, size, modifiedNanos);
  }

  @Override
  public String toString() {
    return "size " + size + ", modified " + java.time.Instant.ofEpochSecond(0, modifiedNanos);
  }
}
