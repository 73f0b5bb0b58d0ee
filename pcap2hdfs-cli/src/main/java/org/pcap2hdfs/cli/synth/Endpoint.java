package org.pcap2hdfs.cli.synth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One side of a packet: IP address (4 or 16 bytes), port, the TTL/hop limit its packets arrive
 * with, its IPv4 don't-fragment habit and the MAC address its frames carry. Immutable.
 */
public final class Endpoint {
  /** The MAC address of the router every client frame comes through. */
  public static final byte[] GATEWAY_MAC = {0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x01};

  final byte[] address;
  final int port;
  final int ttl;
  final boolean dontFragment;
  final byte[] mac;

  private Endpoint(byte[] address, int port, int ttl, boolean dontFragment, byte[] mac) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (ttl < 1 || ttl > 255) {
      throw new IllegalArgumentException("not a TTL: " + ttl);
    }
    this.address = address;
    this.port = port;
    this.ttl = ttl;
    this.dontFragment = dontFragment;
    this.mac = mac;
  }

  /** An endpoint from an address literal ("192.0.2.1", "2001:db8::1"), TTL 64, no DF. */
  public static Endpoint of(String addressLiteral, int port) {
    try {
      return of(InetAddress.getByName(addressLiteral).getAddress(), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + addressLiteral, e);
    }
  }

  public static Endpoint of(byte[] address, int port) {
    return new Endpoint(address.clone(), port, 64, false, GATEWAY_MAC);
  }

  /** Shares {@code address} (not copied): for the generator's many per-query endpoints. */
  static Endpoint shared(byte[] address, int port, int ttl, boolean dontFragment, byte[] mac) {
    return new Endpoint(address, port, ttl, dontFragment, mac);
  }

  public Endpoint withPort(int newPort) {
    return new Endpoint(address, newPort, ttl, dontFragment, mac);
  }

  public Endpoint withTtl(int newTtl) {
    return new Endpoint(address, port, newTtl, dontFragment, mac);
  }

  public Endpoint withDontFragment(boolean df) {
    return new Endpoint(address, port, ttl, df, mac);
  }

  public Endpoint withMac(byte[] newMac) {
    if (newMac.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes");
    }
    return new Endpoint(address, port, ttl, dontFragment, newMac.clone());
  }

  public boolean isIpv6() {
    return address.length == 16;
  }

  public byte[] address() {
    return address.clone();
  }

  public int port() {
    return port;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(address).getHostAddress() + "#" + port;
    } catch (UnknownHostException e) {
      return Arrays.toString(address) + "#" + port;
    }
  }
}
