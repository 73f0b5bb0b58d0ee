package org.pcap2hdfs.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
  private static final SpikeConfig HOURLY =
      SpikeConfig.of(Map.of(SpikeConfig.INTERVAL, "1h", SpikeConfig.NEIGHBOUR_SLOTS, "0"));

  /** Eight days of hourly values: the hour's number times 10 plus a day-dependent wobble. */
  private static double[] daily() {
    double[] v = new double[8 * 24];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 24) * 10 + 100 + (i / 24 % 3);
    }
    return v;
  }

  @Test
  void theBaselineIsTheMedianOfTheSameHourOnPastDays() {
    SeasonalBaseline b = new SeasonalBaseline(HOURLY);
    double[] v = daily();
    int last = v.length - 1; // hour 23 of day 7; past values at hour 23: 330 + {0,1,2,0,1,2,0}
    assertThat(b.score(v, last, 0)[0]).isEqualTo(331.0);
    // MAD 1 -> 1.4826, below sqrt(331) = 18.19: the Poisson floor is the scale.
    assertThat(b.score(v, last, 0)[1]).isCloseTo((v[last] - 331) / Math.sqrt(331), within());
    assertThat(b.classify(b.score(v, last, 0)[1])).isEqualTo("regular");
  }

  @Test
  void aDoubledHourIsASpikeAndAnEmptyOneADrop() {
    SeasonalBaseline b = new SeasonalBaseline(HOURLY);
    double[] v = daily();
    int i = 7 * 24 + 12; // noon of day 7: past values 220 + {0,1,2,0,1,2,0}, median 221
    v[i] = 442;
    assertThat(b.score(v, i, 0)[1]).isCloseTo(221 / Math.sqrt(221), within());
    assertThat(b.classify(b.score(v, i, 0)[1])).isEqualTo("spike");
    v[i] = 221 - 5 * Math.sqrt(221);
    assertThat(b.score(v, i, 0)[1]).isCloseTo(-5, within());
    assertThat(b.classify(b.score(v, i, 0)[1])).isEqualTo("high");
  }

  @Test
  void quietSeriesUseTheMinimumScale() {
    SeasonalBaseline b = new SeasonalBaseline(HOURLY);
    double[] v = new double[8 * 24];
    v[v.length - 1] = 30;
    assertThat(b.score(v, v.length - 1, 0)).containsExactly(0.0, 6.0); // 30 / min.scale 5
  }

  @Test
  void withoutEnoughHistoryAPointIsNotJudged() {
    SeasonalBaseline b = new SeasonalBaseline(HOURLY);
    double[] v = daily();
    assertThat(b.score(v, 3 * 24 - 1, 0)).isNull(); // two days before it
    assertThat(b.score(v, 3 * 24, 0)).isNotNull(); // three
    assertThat(b.score(v, 4 * 24, 25)).isNull(); // data from hour 25: two days before it
  }

  @Test
  void neighbouringSlotsJoinTheBaseline() {
    SeasonalBaseline b = new SeasonalBaseline(SpikeConfig.of(Map.of(SpikeConfig.INTERVAL, "1h")));
    double[] v = new double[4 * 24];
    Arrays.fill(v, 50);
    for (int d = 0; d < 3; d++) {
      v[d * 24 + 11] = 1000; // one hour of each past day: outvoted by its neighbours
    }
    assertThat(b.score(v, 3 * 24 + 11, 0)[0]).isEqualTo(50.0);
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> SpikeConfig.of(Map.of(SpikeConfig.INTERVAL, "7m")))
        .hasMessageContaining(SpikeConfig.INTERVAL)
        .hasMessageContaining("'7m'");
    assertThatThrownBy(() -> SpikeConfig.of(Map.of(SpikeConfig.HIGH_SCORE, "-1")))
        .hasMessageContaining(SpikeConfig.HIGH_SCORE);
    assertThatThrownBy(() -> SpikeConfig.of(Map.of(SpikeConfig.MIN_HISTORY_DAYS, "9")))
        .hasMessageContaining(SpikeConfig.MIN_HISTORY_DAYS);
    assertThatThrownBy(() -> SpikeConfig.of(Map.of(SpikeConfig.TABLE, "x; DROP")))
        .hasMessageContaining(SpikeConfig.TABLE);
    assertThat(SpikeConfig.of(Map.of(SpikeConfig.INTERVAL, "1h")).interval().toMinutes())
        .isEqualTo(60);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
