package org.pcap2hdfs.analytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PcaAndKMeansTest {
  @Test
  void pointsOnALineHaveAllTheirSpreadOnTheFirstComponent() {
    // Centred points along (1, 2, 0): PC1 = t * |(1, 2, 0)| with a positive largest loading.
    double[][] x = new double[5][];
    for (int i = 0; i < 5; i++) {
      double t = i - 2;
      x[i] = new double[] {t, 2 * t, 0};
    }
    double[][] pc = Pca.twoComponents(x);
    for (int i = 0; i < 5; i++) {
      assertThat(pc[i][0]).isCloseTo((i - 2) * Math.sqrt(5), within(1e-9));
      assertThat(pc[i][1]).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void clustersAreNumberedBySizeAndTheSilhouetteOfTightGroupsIsNearOne() {
    double[][] x = {{0, 0}, {0, 0.1}, {10, 10}, {10, 10.1}, {10.1, 10}, {0.1, 0}, {10, 9.9}};
    int[] labels = KMeans.cluster(x, 2, 1, 100);
    assertThat(labels).containsExactly(1, 1, 0, 0, 0, 1, 0);
    assertThat(KMeans.silhouette(x, labels, 2)).isGreaterThan(0.98);
    assertThat(KMeans.cluster(x, 2, 99, 100)).isEqualTo(labels);
  }

  @Test
  void standardisedFeaturesHaveMeanZeroAndConstantOnesStayZero() {
    DomainFeatures f = new DomainFeatures();
    f.add("a.example", new double[] {0, 1, 1, 1, 1, 0.5, 0});
    f.add("b.example", new double[] {Math.E - 1, 1, 1, 1, 1, 1.0, 0});
    double[][] z = Standardiser.apply(f);
    assertThat(z[0]).containsExactly(new double[] {-1, 0, 0, 0, 0, -1, 0}, within(1e-12));
    assertThat(z[1]).containsExactly(new double[] {1, 0, 0, 0, 0, 1, 0}, within(1e-12));
  }
}
