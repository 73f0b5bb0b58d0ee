package org.pcap2hdfs.packet;

import java.util.Collection;

/** The ports that mark a UDP datagram or TCP stream as DNS (either side). */
public final class DnsPorts {
  private final boolean[] ports = new boolean[65536];

  public DnsPorts(Collection<Integer> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS port is needed");
    }
    for (int p : values) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("not a port: " + p);
      }
      ports[p] = true;
    }
  }

  public boolean contains(int port) {
    return ports[port];
  }
}
