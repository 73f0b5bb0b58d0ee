package org.pcap2hdfs.analytics.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;
import org.pcap2hdfs.analytics.db.Migrations;

/**
 * Time of clustering N domains (features made in memory: four overlapping groups with noise) and,
 * with {@code --pg-url URL --pg-user U} (password in P2H_PG_PASSWORD), of writing them into
 * PostgreSQL. Arguments: {@code [--domains N] [--pg-url URL --pg-user USER]}.
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = 1_000_000;
    String url = null;
    String user = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--domains":
          n = Integer.parseInt(args[++i]);
          break;
        case "--pg-url":
          url = args[++i];
          break;
        case "--pg-user":
          user = args[++i];
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    DomainFeatures f = features(n, 7);
    long t0 = System.nanoTime();
    DomainClustering c = DomainClustering.of(f, ClusterConfig.defaults(), 0, 86_400_000L);
    long t1 = System.nanoTime();
    System.out.printf(
        "%,d domains: k = %d (silhouette %.3f on the sample), clustered and projected in %.1f s%n",
        n, c.k, c.silhouette, (t1 - t0) / 1e9);
    for (ClusterProfile p : c.profiles) {
      System.out.printf("  cluster %d: %,d domains%n", p.cluster, p.size);
    }
    if (url != null) {
      try (Connection pg =
          DriverManager.getConnection(url, user, System.getenv("P2H_PG_PASSWORD"))) {
        Migrations.apply(pg);
        long t2 = System.nanoTime();
        new ClusterStore(pg).replace(c);
        System.out.printf("written into PostgreSQL in %.1f s%n", (System.nanoTime() - t2) / 1e9);
      }
    }
  }

  /** Popular, NXDOMAIN-heavy, single-client and long-tail domains, with noise. */
  static DomainFeatures features(int n, long seed) {
    Random r = new Random(seed);
    DomainFeatures f = new DomainFeatures();
    for (int i = 0; i < n; i++) {
      int g = r.nextInt(10) < 6 ? 3 : r.nextInt(3);
      double q;
      double[] v;
      switch (g) {
        case 0: // popular
          q = Math.exp(6 + r.nextGaussian());
          v = new double[] {q, q * 0.4, 3, 2, 5, 0.02, 0.5};
          break;
        case 1: // NXDOMAIN-heavy
          q = Math.exp(3.5 + 0.5 * r.nextGaussian());
          v = new double[] {q, q * 0.6, 2, 1, 1, 0.95, 0.1};
          break;
        case 2: // one client
          q = Math.exp(5 + r.nextGaussian());
          v = new double[] {q, 1, 1, 1, 1, 0, 0};
          break;
        default: // long tail
          q = 5 + r.nextInt(20);
          v =
              new double[] {
                q, Math.max(1, q * 0.8), 1 + r.nextInt(3), 1, 1 + r.nextInt(2), 0.1, 0.3
              };
      }
      for (int j = 5; j < 7; j++) {
        v[j] = Math.min(1, Math.max(0, v[j] + 0.05 * r.nextGaussian()));
      }
      f.add(String.format("d%07d.example", i), v);
    }
    return f;
  }
}
