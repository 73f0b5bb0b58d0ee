package org.pcap2hdfs.cli.synth;

/**
 * The per-query facts that shape a query and its response: id, flags, EDNS content. One instance is
 * filled per query from the client's habits (reused).
 */
final class QueryShape {
  int id;
  boolean recursionDesired;
  boolean edns;
  int udpSize;
  boolean dnssecOk;
  byte[] clientCookie;
  byte[] serverCookie;
  boolean clientSubnet;
  byte[] subnetAddress;
  int subnetPrefix;
  boolean subnetHostBits;
  boolean nsid;

  void from(Client c, Rng rng) {
    id = rng.nextInt(65536);
    recursionDesired = c.recursionDesired;
    edns = c.edns;
    udpSize = c.udpSize;
    dnssecOk = c.dnssecOk;
    clientCookie = c.cookie;
    serverCookie =
        c.cookie != null && rng.chance(TrafficProfile.SERVER_COOKIE_SHARE) ? c.serverCookie : null;
    clientSubnet = c.clientSubnet;
    subnetAddress = c.subnetAddress;
    subnetPrefix = c.subnetPrefix;
    subnetHostBits = c.subnetHostBits;
    nsid = c.edns && rng.chance(TrafficProfile.NSID_SHARE);
  }

  /** The largest UDP response the client accepts (RFC 6891; 512 without EDNS). */
  int udpLimit() {
    return edns ? Math.max(512, Math.min(udpSize, TrafficProfile.SERVER_UDP_SIZE)) : 512;
  }
}
