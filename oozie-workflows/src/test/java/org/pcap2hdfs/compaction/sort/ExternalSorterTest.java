package org.pcap2hdfs.compaction.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {
  @TempDir Path tmp;

  /** 31000 records, 6000 of them repeats, through a 128 KB budget: >64 runs, two merge passes. */
  @Test
  void sortsAndDeduplicatesAcrossSpilledRunsAndMergePasses() throws Exception {
    Random r = new Random(42);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      keys.add(String.format("k%08d", r.nextInt(100_000_000)) + i);
    }
    for (int i = 0; i < 6_000; i++) {
      keys.add(keys.get(r.nextInt(25_000)));
    }
    java.util.Collections.shuffle(keys, r);
    TreeSet<String> expected = new TreeSet<>(keys);
    File spill = tmp.resolve("spill").toFile();
    List<String> out = new ArrayList<>();
    long dropped;
    int runs;
    try (ExternalSorter s = new ExternalSorter(128 << 10, spill, true, true)) {
      byte[] datum = new byte[150];
      for (String k : keys) {
        byte[] kb = k.getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(datum, (byte) k.charAt(k.length() - 1));
        s.add(kb, 0, kb.length, datum, 0, datum.length);
      }
      runs = s.spilledRuns();
      RecordCursor c = s.sorted();
      while (c.next()) {
        String k =
            new String(c.keyArray(), c.keyOffset(), c.keyLength(), StandardCharsets.US_ASCII);
        assertThat(c.datumLength()).isEqualTo(150);
        assertThat(c.datumArray()[c.datumOffset() + 149])
            .isEqualTo((byte) k.charAt(k.length() - 1));
        out.add(k);
      }
      dropped = s.duplicatesDropped();
      assertThat(s.spilledRuns()).isLessThanOrEqualTo(ExternalSorter.FAN_IN);
    }
    assertThat(runs).isGreaterThan(ExternalSorter.FAN_IN);
    assertThat(out).containsExactlyElementsOf(expected);
    assertThat(dropped).isEqualTo(keys.size() - expected.size());
    assertThat(spill.listFiles()).isEmpty();
  }

  @Test
  void keepsEveryRecordWithoutDedupAndWithoutSpilling() throws Exception {
    try (ExternalSorter s = new ExternalSorter(16 << 20, tmp.toFile(), false, false)) {
      for (String k : List.of("b", "a", "b", "c")) {
        byte[] kb = k.getBytes(StandardCharsets.US_ASCII);
        s.add(kb, 0, 1, kb, 0, 1);
      }
      RecordCursor c = s.sorted();
      StringBuilder b = new StringBuilder();
      while (c.next()) {
        b.append((char) c.keyArray()[c.keyOffset()]);
      }
      assertThat(b.toString()).isEqualTo("abbc");
      assertThat(s.spilledRuns()).isZero();
      assertThat(s.duplicatesDropped()).isZero();
    }
  }

  /**
   * Keys with long common prefixes (past 16 and 32 bytes), keys that are prefixes of others and
   * keys with zero bytes sort as unsigned byte strings; equal keys keep their input order.
   */
  @Test
  void sortsKeysThatTieOnLongPrefixesStably() throws Exception {
    Random r = new Random(7);
    byte[] common = new byte[40];
    for (int i = 0; i < common.length; i++) {
      common[i] = (byte) (r.nextInt(3) == 0 ? 0 : 'a' + r.nextInt(3));
    }
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int shared = r.nextInt(common.length + 1);
      byte[] k = new byte[shared + r.nextInt(6)];
      System.arraycopy(common, 0, k, 0, shared);
      for (int j = shared; j < k.length; j++) {
        k[j] = (byte) (r.nextBoolean() ? 0 : 0xFF);
      }
      keys.add(k);
    }
    Integer[] order = new Integer[keys.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
    try (ExternalSorter s = new ExternalSorter(64 << 20, tmp.toFile(), false, false)) {
      for (int i = 0; i < keys.size(); i++) {
        byte[] k = keys.get(i);
        byte[] datum = {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        s.add(k, 0, k.length, datum, 0, 4);
      }
      RecordCursor c = s.sorted();
      for (int expected : order) {
        assertThat(c.next()).isTrue();
        assertThat(SortBuffer.getInt(c.datumArray(), c.datumOffset())).isEqualTo(expected);
      }
      assertThat(c.next()).isFalse();
      assertThat(s.spilledRuns()).isZero();
    }
  }
}
