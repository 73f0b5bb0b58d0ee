package org.pcap2hdfs.cli.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One zone the server is authoritative for: its names with their record sets, its DNSSEC setup and
 * the roles of its names that queries aim at.
 */
final class Zone {
  static final int UNSIGNED = 0;
  static final int RSASHA256 = 8;
  static final int ECDSAP256SHA256 = 13;

  /** A name of the zone and its record sets by type, in insertion order. */
  static final class Node {
    final Name name;
    final Map<Integer, List<Record>> rrsets = new LinkedHashMap<>();

    Node(Name name) {
      this.name = name;
    }

    void add(Record r) {
      rrsets.computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r);
    }
  }

  final Name apex;
  final int algorithm;
  final int kskBits;
  final int zskBits;
  final int kskTag;
  final int zskTag;
  final boolean nsec3;
  final Map<Name, Node> nodes = new LinkedHashMap<>();

  /** Names that carry addresses (or a CNAME to them), with how often each is asked. */
  final List<Name> addressNames = new ArrayList<>();

  final List<Double> addressWeights = new ArrayList<>();

  /** A delegated child zone, or null. */
  Name delegation;

  /** The name with an SRV record set, or null. */
  Name service;

  /** The name with a CNAME to an in-zone name, or null. */
  Name alias;

  /** The _dmarc name (TXT). */
  Name dmarc;

  Zone(Name apex, int algorithm, int kskBits, int zskBits, int kskTag, int zskTag, boolean nsec3) {
    this.apex = apex;
    this.algorithm = algorithm;
    this.kskBits = kskBits;
    this.zskBits = zskBits;
    this.kskTag = kskTag;
    this.zskTag = zskTag;
    this.nsec3 = nsec3;
  }

  boolean signed() {
    return algorithm != UNSIGNED;
  }

  Node node(Name name) {
    return nodes.get(name);
  }

  Node nodeFor(Name name) {
    return nodes.computeIfAbsent(name, Node::new);
  }

  void add(Record r) {
    nodeFor(r.getName()).add(r);
  }

  /** Signature length in bytes of a record set of this type. */
  int signatureLength(boolean keySet) {
    if (algorithm == ECDSAP256SHA256) {
      return 64;
    }
    return (keySet ? kskBits : zskBits) / 8;
  }
}
