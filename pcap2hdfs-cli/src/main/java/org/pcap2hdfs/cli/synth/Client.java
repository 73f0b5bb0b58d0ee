package org.pcap2hdfs.cli.synth;

/** A recursive resolver that queries the server: its address and its habits. */
final class Client {
  private static final WeightedPicker UDP_SIZES =
      new WeightedPicker(TrafficProfile.UDP_SIZE_WEIGHTS);

  final byte[] address;
  final int ttl;
  final boolean dontFragment;
  final boolean edns;
  final int udpSize;
  final boolean dnssecOk;

  /** The 8-byte client cookie, or null when the client sends no cookies. */
  final byte[] cookie;

  /** The server cookie the client got back, once it has one (the server's answer to the above). */
  final byte[] serverCookie;

  final boolean clientSubnet;
  final byte[] subnetAddress;
  final int subnetPrefix;
  final boolean subnetHostBits;
  final boolean caseRandomisation;
  final boolean recursionDesired;
  final long rttMicros;

  Client(Rng rng, byte[] address) {
    this.address = address;
    int initialTtl = rng.chance(0.7) ? 64 : rng.chance(0.67) ? 128 : 255;
    this.ttl = initialTtl - rng.between(4, 24);
    this.dontFragment = rng.chance(0.5);
    this.edns = rng.chance(TrafficProfile.EDNS_CLIENT_SHARE);
    this.udpSize = TrafficProfile.UDP_SIZES[UDP_SIZES.pick(rng)];
    this.dnssecOk = edns && rng.chance(TrafficProfile.DNSSEC_OK_SHARE);
    this.cookie = edns && rng.chance(TrafficProfile.COOKIE_CLIENT_SHARE) ? rng.bytes(8) : null;
    this.serverCookie = rng.bytes(16);
    this.clientSubnet = edns && rng.chance(TrafficProfile.ECS_CLIENT_SHARE);
    boolean v6 = address.length == 16;
    this.subnetAddress = rng.bytes(v6 ? 16 : 4);
    this.subnetPrefix = v6 ? 56 : rng.chance(0.8) ? 24 : 22;
    this.subnetHostBits = rng.chance(TrafficProfile.ECS_HOST_BITS_SHARE);
    this.caseRandomisation = rng.chance(TrafficProfile.CASE_RANDOMISATION_SHARE);
    this.recursionDesired = rng.chance(TrafficProfile.RECURSION_DESIRED_SHARE);
    this.rttMicros = rng.logUniform(1_000, 150_000);
  }
}
