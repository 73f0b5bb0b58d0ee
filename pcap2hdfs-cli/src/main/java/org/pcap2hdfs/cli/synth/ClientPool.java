package org.pcap2hdfs.cli.synth;

/** The resolvers that query the server, with Zipf popularity; addresses are public-looking. */
final class ClientPool {
  private final Client[] clients;
  private final WeightedPicker popularity;
  private final boolean[] seen;
  private int distinctSeen;

  ClientPool(Rng rng, int count, double zipfExponent) {
    clients = new Client[count];
    for (int i = 0; i < count; i++) {
      byte[] address = rng.chance(TrafficProfile.IPV6_CLIENT_SHARE) ? ipv6(rng) : ipv4(rng);
      clients[i] = new Client(rng, address);
    }
    popularity = WeightedPicker.zipf(count, zipfExponent);
    seen = new boolean[count];
  }

  Client pick(Rng rng) {
    int i = popularity.pick(rng);
    if (!seen[i]) {
      seen[i] = true;
      distinctSeen++;
    }
    return clients[i];
  }

  /** Clients that sent at least one query. */
  int distinctSeen() {
    return distinctSeen;
  }

  /** A unicast address outside the private, shared, loopback, link-local and multicast ranges. */
  private static byte[] ipv4(Rng rng) {
    while (true) {
      int a = rng.between(1, 223);
      int b = rng.nextInt(256);
      boolean reserved =
          a == 10
              || a == 127
              || (a == 100 && b >= 64 && b < 128)
              || (a == 169 && b == 254)
              || (a == 172 && b >= 16 && b < 32)
              || (a == 192 && b == 168)
              || (a == 192 && b == 0)
              || (a == 198 && (b == 18 || b == 19 || b == 51))
              || (a == 203 && b == 0);
      if (!reserved) {
        return new byte[] {(byte) a, (byte) b, (byte) rng.nextInt(256), (byte) rng.between(1, 254)};
      }
    }
  }

  /** A global unicast address (2000::/3, mostly in the allocated 2001: and 2a00: ranges). */
  private static byte[] ipv6(Rng rng) {
    byte[] a = rng.bytes(16);
    int prefix = rng.chance(0.5) ? 0x2001 : rng.chance(0.6) ? 0x2a00 + rng.nextInt(16) : 0x2400;
    a[0] = (byte) (prefix >>> 8);
    a[1] = (byte) prefix;
    if (rng.chance(0.5)) {
      // many resolvers use small interface identifiers (::1, ::53)
      for (int i = 8; i < 15; i++) {
        a[i] = 0;
      }
    }
    return a;
  }
}
