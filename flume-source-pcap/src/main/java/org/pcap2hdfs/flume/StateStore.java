package org.pcap2hdfs.flume;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.pcap2hdfs.decode.StreamDecoder;

/**
 * One checkpoint file per server in the state directory: which file the state follows and the
 * stream's state after it. Written to a temporary file, synced, then renamed over the old one, so a
 * crash leaves either the old or the new checkpoint, never half of one.
 */
final class StateStore {
  private static final int MAGIC = 0x50324843; // "P2HC"
  private static final int VERSION = 2;

  /** Who a checkpoint belongs to. */
  static final class Owner {
    final String key;
    final String server;
    final String location;

    Owner(String key, String server, String location) {
      this.key = key;
      this.server = server;
      this.location = location;
    }
  }

  private final Path dir;

  StateStore(Path dir) {
    this.dir = dir;
  }

  Path file(String server) {
    return dir.resolve(server.replaceAll("[^A-Za-z0-9._-]", "_") + ".state");
  }

  /**
   * Restores a stream into {@code decoder}.
   *
   * @return the relative path of the file the checkpoint follows, or null when there is none
   */
  String load(String key, StreamDecoder decoder) throws IOException {
    Path f = file(key);
    if (!Files.exists(f)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      Owner owner = header(f, in);
      if (!owner.key.equals(key)) {
        throw new IOException(f + " belongs to stream " + owner.key + ", not " + key);
      }
      String completed = in.readUTF();
      decoder.readState(in);
      return completed;
    }
  }

  private static Owner header(Path f, DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException(f + " is not a pcap2hdfs checkpoint");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          f + " has checkpoint version " + version + ", this code reads " + VERSION);
    }
    return new Owner(in.readUTF(), in.readUTF(), in.readUTF());
  }

  /** The streams that have a checkpoint (an unreadable one is reported when its stream loads). */
  List<Owner> owners() throws IOException {
    List<Owner> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.state")) {
      for (Path f : files) {
        try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
          out.add(header(f, in));
        } catch (IOException e) {
          // quarantined when its stream loads it
        }
      }
    }
    return out;
  }

  /** Saves the stream's state as following {@code completedFile} (a path relative to spoolDir). */
  void save(Owner owner, String completedFile, StreamDecoder decoder) throws IOException {
    Path target = file(owner.key);
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
      out.writeUTF(owner.key);
      out.writeUTF(owner.server);
      out.writeUTF(owner.location);
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
