package org.pcap2hdfs.analytics.aggregate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The days of the warehouse table ({@code <dir>/year=Y/month=M/day=D/server=S/*.parquet}) with a
 * fingerprint of each: SHA-256 over its files' paths (from the year directory) and lengths.
 * Compaction publishes new files under new names (late data adds files), so a day whose files
 * changed has a new fingerprint. Directories and files starting with {@code _} or {@code .} (the
 * compaction's work directory, in-progress files) are ignored.
 */
public final class WarehouseDays {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseDays.class);
  private static final Pattern YEAR = Pattern.compile("year=([0-9]{4})");
  private static final Pattern MONTH = Pattern.compile("month=([0-9]{1,2})");
  private static final Pattern DAY = Pattern.compile("day=([0-9]{1,2})");

  /** A day's published files, summarised. */
  public static final class DayFiles {
    private final LocalDate day;
    private final String fingerprint;
    private final int files;

    DayFiles(LocalDate day, String fingerprint, int files) {
      this.day = day;
      this.fingerprint = fingerprint;
      this.files = files;
    }

    public LocalDate day() {
      return day;
    }

    public String fingerprint() {
      return fingerprint;
    }

    public int files() {
      return files;
    }
  }

  private final FileSystem fs;
  private final Path root;

  public WarehouseDays(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** Every day with at least one partition directory, by date. */
  public SortedMap<LocalDate, DayFiles> list() throws IOException {
    SortedMap<LocalDate, DayFiles> out = new TreeMap<>();
    if (!fs.exists(root)) {
      return out;
    }
    for (FileStatus y : dirs(root, YEAR)) {
      for (FileStatus m : dirs(y.getPath(), MONTH)) {
        for (FileStatus d : dirs(m.getPath(), DAY)) {
          LocalDate day;
          try {
            day = LocalDate.of(number(y, YEAR), number(m, MONTH), number(d, DAY));
          } catch (DateTimeException e) {
            LOG.warn("skipping {}: not a date ({})", d.getPath(), e.getMessage());
            continue;
          }
          out.put(day, files(day, d.getPath()));
        }
      }
    }
    return out;
  }

  /** The files of one day now (an empty day when it has no directory). */
  public DayFiles of(LocalDate day) throws IOException {
    Path dir =
        new Path(
            root,
            "year="
                + day.getYear()
                + "/month="
                + day.getMonthValue()
                + "/day="
                + day.getDayOfMonth());
    return files(day, dir);
  }

  private DayFiles files(LocalDate day, Path dayDir) throws IOException {
    List<String> entries = new ArrayList<>();
    if (fs.exists(dayDir)) {
      for (FileStatus s : fs.listStatus(dayDir)) {
        String server = s.getPath().getName();
        if (!s.isDirectory() || !server.startsWith("server=")) {
          continue;
        }
        for (FileStatus f : fs.listStatus(s.getPath())) {
          String name = f.getPath().getName();
          if (f.isFile() && name.endsWith(".parquet") && !hidden(name)) {
            entries.add(server + "/" + name + "\t" + f.getLen());
          }
        }
      }
    }
    Collections.sort(entries);
    return new DayFiles(day, sha256(entries), entries.size());
  }

  private List<FileStatus> dirs(Path parent, Pattern name) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : fs.listStatus(parent)) {
      if (s.isDirectory() && name.matcher(s.getPath().getName()).matches()) {
        out.add(s);
      }
    }
    return out;
  }

  private static int number(FileStatus s, Pattern p) {
    Matcher m = p.matcher(s.getPath().getName());
    if (!m.matches()) {
      throw new IllegalStateException(s.getPath().toString());
    }
    return Integer.parseInt(m.group(1));
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static String sha256(List<String> entries) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String e : entries) {
        md.update(e.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      StringBuilder hex = new StringBuilder();
      for (byte b : md.digest()) {
        hex.append(String.format("%02x", b & 0xFF));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
