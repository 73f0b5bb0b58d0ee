package org.pcap2hdfs.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowBlockTest {
  private static byte[] datum(int length, int fill) {
    byte[] d = new byte[length];
    Arrays.fill(d, (byte) fill);
    return d;
  }

  @Test
  void datumsComeBackWhereTheyWere() {
    RowBlock.Writer w = new RowBlock.Writer();
    int[] lengths = {1, 63, 64, 300, 0, 20_000};
    for (int i = 0; i < lengths.length; i++) {
      byte[] d = datum(lengths[i], i + 1);
      if (i % 2 == 0) {
        w.add(d, 0, d.length);
      } else {
        w.data().write(d, 0, d.length);
        w.endDatum();
      }
    }
    byte[] body = w.toBody();
    assertThat(body.length).isEqualTo(w.bodyBytes());
    assertThat(body[0]).isEqualTo(RowBlock.VERSION);
    RowBlock.Reader r = new RowBlock.Reader();
    assertThat(r.read(body)).isTrue();
    assertThat(r.count()).isEqualTo(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      assertThat(r.length(i)).isEqualTo(lengths[i]);
      assertThat(Arrays.copyOfRange(body, r.offset(i), r.offset(i) + r.length(i)))
          .isEqualTo(datum(lengths[i], i + 1));
    }
    // The datums region is the plain concatenation, as in an Avro container block.
    assertThat(r.offset(0) + Arrays.stream(lengths).sum()).isEqualTo(body.length);

    w.reset();
    w.add(new byte[] {7}, 0, 1);
    assertThat(w.toBody()).containsExactly(1, 2, 2, 7);
  }

  @Test
  void malformedBodiesAreNotBlocks() {
    RowBlock.Reader r = new RowBlock.Reader();
    RowBlock.Writer w = new RowBlock.Writer();
    w.add(new byte[] {1, 2, 3}, 0, 3);
    w.add(new byte[] {4, 5}, 0, 2);
    byte[] good = w.toBody();
    assertThat(r.read(good)).isTrue();
    assertThat(r.read(null)).isFalse();
    assertThat(r.read(new byte[0])).isFalse();
    byte[] version2 = good.clone();
    version2[0] = 2;
    assertThat(r.read(version2)).isFalse();
    assertThat(r.read(Arrays.copyOf(good, good.length - 1))).as("cut").isFalse();
    assertThat(r.read(Arrays.copyOf(good, good.length + 1))).as("bytes left over").isFalse();
    assertThat(r.read(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}))
        .as("a count beyond the body")
        .isFalse();
    assertThat(r.read(new byte[] {1, 2, 3})).as("a negative length").isFalse();
    assertThat(r.read(new byte[] {1, (byte) 0x80})).as("a varint cut short").isFalse();
    assertThat(r.read(new byte[] {1, 0})).as("an empty block is a block").isTrue();
    assertThat(r.count()).isZero();
  }
}
