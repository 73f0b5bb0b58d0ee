package org.pcap2hdfs.decode;

import java.nio.file.Path;

/**
 * ENTRADA's convention: captures of a server live in a folder named {@code <server>_<location>}.
 */
public final class ServerNaming {
  public static final String UNKNOWN = "unknown";

  /** A server and its location. */
  public static final class Name {
    public final String server;
    public final String location;

    public Name(String server, String location) {
      this.server = server;
      this.location = location;
    }
  }

  private ServerNaming() {}

  /**
   * The server and location from the name of the file's folder when it has the form {@code
   * <server>_<location>} (split at the first underscore), else both {@link #UNKNOWN}.
   */
  public static Name fromFolder(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    String folder =
        parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    int cut = folder.indexOf('_');
    if (cut <= 0 || cut == folder.length() - 1) {
      return new Name(UNKNOWN, UNKNOWN);
    }
    return new Name(folder.substring(0, cut), folder.substring(cut + 1));
  }
}
