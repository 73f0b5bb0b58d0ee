package org.pcap2hdfs.compaction.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** The array encoder makes the same bytes as parquet-mr's encoder, and parquet-mr decodes them. */
class RleHybridTest {
  @Test
  void sameBytesAsParquetMrForRunsNoiseAndMixes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int bitWidth = 1; bitWidth <= 24; bitWidth++) {
      int max = (1 << bitWidth) - 1;
      for (int n : new int[] {1, 7, 8, 9, 15, 16, 17, 100, 503, 504, 505, 5000, 20_480}) {
        for (int pattern = 0; pattern < 5; pattern++) {
          int[] v = new int[n];
          int i = 0;
          while (i < n) {
            int run = pattern == 0 ? 1 : pattern == 1 ? n : 1 + rnd.nextInt(pattern == 2 ? 12 : 40);
            int x = pattern == 4 && rnd.nextBoolean() ? max : rnd.nextInt(max + 1);
            for (int k = 0; k < run && i < n; k++) {
              v[i++] = x;
            }
          }
          PageBuffer out = new PageBuffer(16);
          RleHybrid.encode(v, n, bitWidth, out);
          byte[] ours = Arrays.copyOf(out.array(), out.length());
          assertThat(ours)
              .as("width %d, %d values, pattern %d", bitWidth, n, pattern)
              .isEqualTo(parquetMr(v, bitWidth));
          assertThat(decode(ours, n, bitWidth)).isEqualTo(v);
        }
      }
    }
  }

  @Test
  void zeroWidthIsOneRun() throws Exception {
    PageBuffer out = new PageBuffer(16);
    RleHybrid.encode(new int[300], 300, 0, out);
    byte[] b = Arrays.copyOf(out.array(), out.length());
    assertThat(decode(b, 300, 0)).isEqualTo(new int[300]);
    assertThat(b).hasSize(2);
  }

  private static byte[] parquetMr(int[] v, int bitWidth) throws Exception {
    RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, new HeapByteBufferAllocator());
    for (int x : v) {
      e.writeInt(x);
    }
    return e.toBytes().toByteArray();
  }

  private static int[] decode(byte[] b, int n, int bitWidth) throws Exception {
    RunLengthBitPackingHybridDecoder d =
        new RunLengthBitPackingHybridDecoder(bitWidth, new ByteArrayInputStream(b));
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.readInt();
    }
    return v;
  }
}
