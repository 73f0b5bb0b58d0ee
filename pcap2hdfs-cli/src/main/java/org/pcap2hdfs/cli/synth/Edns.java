package org.pcap2hdfs.cli.synth;

/** Writes the EDNS0 OPT record (RFC 6891) and the options the generator uses, by hand. */
public final class Edns {
  public static final int NSID = 3;
  public static final int CLIENT_SUBNET = 8;
  public static final int COOKIE = 10;

  private Edns() {}

  /** An OPT record with the given options ({@code options[0, optionsLength)}, already encoded). */
  public static void opt(
      WireWriter w,
      int udpSize,
      int extendedRcodeHigh,
      boolean dnssecOk,
      byte[] options,
      int optionsLength) {
    w.u8(0); // root owner
    w.u16(41);
    w.u16(udpSize);
    w.u8(extendedRcodeHigh);
    w.u8(0); // version
    w.u16(dnssecOk ? 0x8000 : 0);
    w.u16(optionsLength);
    w.bytes(options, 0, optionsLength);
  }

  /**
   * Client subnet (RFC 7871): the address is cut to the bytes the source prefix covers; with {@code
   * keepHostBits} the bits beyond the prefix inside the last byte are left as they are (what some
   * real resolvers send, and what dnsjava's full parser rejects).
   */
  public static void clientSubnet(
      WireWriter w, byte[] address, int sourcePrefix, int scopePrefix, boolean keepHostBits) {
    int family = address.length == 4 ? 1 : 2;
    int n = (sourcePrefix + 7) / 8;
    w.u16(CLIENT_SUBNET);
    w.u16(4 + n);
    w.u16(family);
    w.u8(sourcePrefix);
    w.u8(scopePrefix);
    for (int i = 0; i < n; i++) {
      int b = address[i] & 0xFF;
      int bitsInByte = sourcePrefix - i * 8;
      if (!keepHostBits && bitsInByte < 8) {
        b &= 0xFF << (8 - bitsInByte);
      }
      w.u8(b);
    }
  }

  /** A DNS cookie (RFC 7873): the 8-byte client cookie, then the server cookie if known. */
  public static void cookie(WireWriter w, byte[] client, byte[] server) {
    int n = client.length + (server == null ? 0 : server.length);
    w.u16(COOKIE);
    w.u16(n);
    w.bytes(client);
    if (server != null) {
      w.bytes(server);
    }
  }

  /** NSID (RFC 5001): empty in a query, the server's identifier in a response. */
  public static void nsid(WireWriter w, byte[] value) {
    w.u16(NSID);
    w.u16(value.length);
    w.bytes(value);
  }
}
