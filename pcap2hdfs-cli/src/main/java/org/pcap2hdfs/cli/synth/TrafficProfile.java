package org.pcap2hdfs.cli.synth;

import org.xbill.DNS.Type;

/**
 * The generator's traffic model in one place: what a busy authoritative server (a secondary-DNS
 * provider or a ccTLD) sees from recursive resolvers. Shares are of queries unless said otherwise.
 */
final class TrafficProfile {
  /** Query types and their weights (a ccTLD/hoster mix: A and AAAA dominate, DNSSEC types next). */
  static final int[] QTYPES = {
    Type.A,
    Type.AAAA,
    Type.HTTPS,
    Type.MX,
    Type.TXT,
    Type.NS,
    Type.DS,
    Type.SOA,
    Type.DNSKEY,
    Type.CAA,
    Type.ANY,
    Type.SRV,
    Type.CNAME
  };

  static final double[] QTYPE_WEIGHTS = {36, 20, 9, 5, 5, 4, 3.5, 3, 2.5, 2, 2, 1.5, 1};

  /** Of the names asked: random labels under a zone (NXDOMAIN; typos, probes, cache busting). */
  static final double RANDOM_LABEL_SHARE = 0.10;

  /** Of the names asked: well-known non-existent names (wpad, wwww, autodiscover...). */
  static final double TYPO_SHARE = 0.04;

  /** Of the names asked: zones this server does not serve (REFUSED). */
  static final double OUT_OF_ZONE_SHARE = 0.02;

  /** Client population: Zipf over resolvers, a few big public resolvers send much of the load. */
  static final double CLIENT_ZIPF = 1.0;

  static final double IPV6_CLIENT_SHARE = 0.25;
  static final double EDNS_CLIENT_SHARE = 0.93;

  /** EDNS UDP sizes resolvers advertise (1232 since DNS flag day 2020; 4096 older BIND/Windows). */
  static final int[] UDP_SIZES = {1232, 4096, 1400, 1452, 1220, 512, 2048, 8192};

  static final double[] UDP_SIZE_WEIGHTS = {50, 22, 10, 5, 4, 3, 3, 3};

  /** Of EDNS clients: the DO bit (validating resolvers and BIND's default). */
  static final double DNSSEC_OK_SHARE = 0.80;

  /** Of EDNS clients: DNS cookies; of their queries, those that already carry a server cookie. */
  static final double COOKIE_CLIENT_SHARE = 0.35;

  static final double SERVER_COOKIE_SHARE = 0.6;

  /** Of EDNS clients: client subnet (public resolvers); of those, addresses with host bits set. */
  static final double ECS_CLIENT_SHARE = 0.03;

  static final double ECS_HOST_BITS_SHARE = 0.1;

  /** Of queries: NSID asked. */
  static final double NSID_SHARE = 0.01;

  /** Of clients: 0x20 case randomisation; recursion desired (forwarders, stubs). */
  static final double CASE_RANDOMISATION_SHARE = 0.10;

  static final double RECURSION_DESIRED_SHARE = 0.08;

  /** Of UDP queries: no response at all (rate limiting drops, overload). */
  static final double UNANSWERED_SHARE = 0.025;

  /** Of UDP queries: a FORMERR response without a question section. */
  static final double FORMERR_NO_QUESTION_SHARE = 0.002;

  /** Of UDP queries: a rate-limit slip (a truncated response that asks the client to use TCP). */
  static final double RRL_SLIP_SHARE = 0.003;

  /** Of truncated UDP responses: the client retries over TCP. */
  static final double TCP_RETRY_SHARE = 0.8;

  /** Of query arrivals: a client that opens a TCP connection and sends several queries. */
  static final double TCP_SESSION_SHARE = 0.008;

  static final int TCP_SESSION_MAX_QUERIES = 6;

  /** Of TCP sessions: the first two queries pipelined in one segment. */
  static final double TCP_PIPELINE_SHARE = 0.25;

  /** Of TCP responses: split over two segments (half of them right after the length prefix). */
  static final double TCP_SPLIT_SHARE = 0.2;

  /** Of TCP sessions: the server closes first (idle timeout). */
  static final double SERVER_CLOSES_SHARE = 0.3;

  /** The server's EDNS UDP payload limit (as in the knot capture: big answers fragment). */
  static final int SERVER_UDP_SIZE = 4096;

  static final byte[] SERVER_NSID = "fra1.ns.secondarydns.net".getBytes();

  /** Unanswered mode: the random-subdomain attack's query types. */
  static final int[] ATTACK_QTYPES = {Type.A, Type.AAAA, Type.ANY};

  static final double[] ATTACK_QTYPE_WEIGHTS = {85, 10, 5};

  private TrafficProfile() {}

  /** Server processing time before a response: mostly well under a millisecond, tail to 50 ms. */
  static long responseDelayMicros(Rng rng) {
    double u = rng.nextDouble();
    if (u < 0.85) {
      return rng.between(100, 800);
    }
    if (u < 0.97) {
      return rng.logUniform(800, 5_000);
    }
    return rng.logUniform(5_000, 50_000);
  }
}
