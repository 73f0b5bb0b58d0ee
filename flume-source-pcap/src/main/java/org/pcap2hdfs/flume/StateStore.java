package org.pcap2hdfs.flume;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.pcap2hdfs.decode.StreamDecoder;

/**
 * One checkpoint file per server in the state directory: which file the state follows and the
 * stream's state after it. Written to a temporary file, synced, then renamed over the old one, so a
 * crash leaves either the old or the new checkpoint, never half of one.
 */
final class StateStore {
  private static final int MAGIC = 0x50324843; // "P2HC"
  private static final int VERSION = 1;

  private final Path dir;

  StateStore(Path dir) {
    this.dir = dir;
  }

  Path file(String server) {
    return dir.resolve(server.replaceAll("[^A-Za-z0-9._-]", "_") + ".state");
  }

  /**
   * Restores a server's stream into {@code decoder}.
   *
   * @return the relative path of the file the checkpoint follows, or null when there is none
   */
  String load(String server, StreamDecoder decoder) throws IOException {
    Path f = file(server);
    if (!Files.exists(f)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(f + " is not a pcap2hdfs checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(
            f + " has checkpoint version " + version + ", this code reads " + VERSION);
      }
      String stored = in.readUTF();
      if (!stored.equals(server)) {
        throw new IOException(f + " belongs to server " + stored + ", not " + server);
      }
      String completed = in.readUTF();
      decoder.readState(in);
      return completed;
    }
  }

  /** Saves the stream's state as following {@code completedFile} (a path relative to spoolDir). */
  void save(String server, String completedFile, StreamDecoder decoder) throws IOException {
    Path target = file(server);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
            FileChannel.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(server);
      out.writeUTF(completedFile == null ? "" : completedFile);
      decoder.writeState(out);
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Moves an unreadable checkpoint aside so that the server can start afresh. */
  Path quarantine(String server) throws IOException {
    Path f = file(server);
    Path aside = f.resolveSibling(f.getFileName() + ".unreadable-" + System.currentTimeMillis());
    Files.move(f, aside);
    return aside;
  }
}
