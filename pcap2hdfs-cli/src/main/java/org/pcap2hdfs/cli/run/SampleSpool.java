package org.pcap2hdfs.cli.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.Frame;

/**
 * The bundled sample as an operator's spool directory: the 25 s authoritative-server capture (knot,
 * example.ca) seen by three anycast sites of two servers. Each client address is routed to one site
 * (as anycast routing would), so every query meets its response at the same site; each site's
 * stream is cut into tcpdump -G style files of {@link #FILE_SECONDS} seconds.
 */
public final class SampleSpool {
  /** Capture seconds per file, like {@code tcpdump -G 10}. */
  static final int FILE_SECONDS = 10;

  /** Client address -> spool folder ({@code <server>_<location>}). */
  static final Map<String, String> SITES = new LinkedHashMap<>();

  static {
    SITES.put("81.2.69.142", "ns1_ams");
    SITES.put("89.160.20.112", "ns1_ams");
    SITES.put("2a02:cf40:0:0:0:0:0:16", "ns1_ams");
    SITES.put("198.18.9.19", "ns1_ams");
    SITES.put("216.160.83.56", "ns1_yyz");
    SITES.put("67.43.156.17", "ns1_yyz");
    SITES.put("1.128.0.18", "ns2_nrt");
    SITES.put("2001:218:0:0:0:0:0:14", "ns2_nrt");
    SITES.put("175.16.199.15", "ns2_nrt");
  }

  private static final String SERVER_V4 = "192.0.2.53";
  private static final String SERVER_V6 = "2001:db8:0:0:0:0:0:53";
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("'dump-'yyyyMMdd-HHmmss'.pcap'").withZone(ZoneOffset.UTC);

  private SampleSpool() {}

  /**
   * Writes the sample spool under {@code spool} (one folder per site) from {@code capture}.
   *
   * @return files written per folder
   */
  public static Map<String, Integer> write(Path capture, Path spool) throws IOException {
    Map<String, OutputStream> open = new HashMap<>();
    Map<String, Long> fileStart = new HashMap<>();
    Map<String, Integer> files = new LinkedHashMap<>();
    Map<String, Path> writing = new HashMap<>();
    try (CaptureReader r = Captures.open(capture)) {
      Frame f = new Frame();
      while (r.next(f)) {
        String site = siteOf(f);
        if (site == null) {
          continue;
        }
        long second = f.timestampMicros / 1_000_000;
        Long start = fileStart.get(site);
        if (start == null || second - start >= FILE_SECONDS) {
          close(open.remove(site), writing.remove(site));
          long fileSecond = second - Math.floorMod(second, FILE_SECONDS);
          fileStart.put(site, fileSecond);
          Path dir = Files.createDirectories(spool.resolve(site));
          Path target = dir.resolve(NAME.format(Instant.ofEpochSecond(fileSecond)));
          Path partial = dir.resolve("." + target.getFileName() + ".part");
          OutputStream out = Files.newOutputStream(partial);
          out.write(globalHeader(f.linkType));
          open.put(site, out);
          writing.put(site, partial);
          files.merge(site, 1, Integer::sum);
        }
        open.get(site).write(record(f));
      }
    } finally {
      for (String site : new java.util.ArrayList<>(open.keySet())) {
        close(open.remove(site), writing.remove(site));
      }
    }
    return files;
  }

  /** Closes a file written under a dot-name and renames it into place (the spool convention). */
  private static void close(OutputStream out, Path partial) throws IOException {
    if (out == null) {
      return;
    }
    out.close();
    String name = partial.getFileName().toString();
    Files.move(
        partial, partial.resolveSibling(name.substring(1, name.length() - ".part".length())));
  }

  /** The site of a frame's client (the address that is not the server's), or null. */
  static String siteOf(Frame f) {
    byte[] b = f.data;
    int p = f.offset;
    int end = f.offset + f.capturedLength;
    if (f.linkType != 1 || end - p < 14) {
      return null;
    }
    int type = (b[p + 12] & 0xFF) << 8 | (b[p + 13] & 0xFF);
    p += 14;
    String src;
    String dst;
    if (type == 0x0800 && end - p >= 20) {
      src = v4(b, p + 12);
      dst = v4(b, p + 16);
    } else if (type == 0x86DD && end - p >= 40) {
      src = v6(b, p + 8);
      dst = v6(b, p + 24);
    } else {
      return null;
    }
    String client = src.equals(SERVER_V4) || src.equals(SERVER_V6) ? dst : src;
    return SITES.get(client);
  }

  private static String v4(byte[] b, int p) {
    return (b[p] & 0xFF)
        + "."
        + (b[p + 1] & 0xFF)
        + "."
        + (b[p + 2] & 0xFF)
        + "."
        + (b[p + 3] & 0xFF);
  }

  private static String v6(byte[] b, int p) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(Integer.toHexString((b[p + 2 * i] & 0xFF) << 8 | (b[p + 2 * i + 1] & 0xFF)));
    }
    return s.toString();
  }

  private static byte[] globalHeader(int linkType) {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(262144).putInt(linkType);
    return h.array();
  }

  private static byte[] record(Frame f) {
    ByteBuffer r = ByteBuffer.allocate(16 + f.capturedLength).order(ByteOrder.LITTLE_ENDIAN);
    r.putInt((int) (f.timestampMicros / 1_000_000)).putInt((int) (f.timestampMicros % 1_000_000));
    r.putInt(f.capturedLength).putInt(f.originalLength);
    r.put(f.data, f.offset, f.capturedLength);
    return r.array();
  }
}
