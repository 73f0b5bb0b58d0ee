package org.pcap2hdfs.testing;

import java.net.InetAddress;
import org.pcap2hdfs.decode.AddressText;
import org.pcap2hdfs.privacy.CryptoPan;
import org.pcap2hdfs.row.Text;

/**
 * The expected masked texts of client addresses, from their kept texts by Java's own address
 * parsing: a truncation, or a Crypto-PAn pseudonym (the class checked against published vectors). A
 * client subnet loses the bits beyond its source prefix too; an IPv4-mapped IPv6 address is masked
 * as its IPv4 address.
 */
public final class MaskedAddresses {
  private final int ipv4Prefix;
  private final int ipv6Prefix;
  private final CryptoPan cryptoPan;

  private MaskedAddresses(int ipv4Prefix, int ipv6Prefix, CryptoPan cryptoPan) {
    this.ipv4Prefix = ipv4Prefix;
    this.ipv6Prefix = ipv6Prefix;
    this.cryptoPan = cryptoPan;
  }

  public static MaskedAddresses truncated(int ipv4Prefix, int ipv6Prefix) {
    return new MaskedAddresses(ipv4Prefix, ipv6Prefix, null);
  }

  public static MaskedAddresses pseudonyms(byte[] key) {
    return new MaskedAddresses(32, 128, new CryptoPan(key));
  }

  /** The masked form of a client address text (src). */
  public String client(String text) throws Exception {
    if (text.startsWith("::ffff:") && text.contains(".")) {
      return "::ffff:" + client(text.substring(7));
    }
    byte[] a = InetAddress.getByName(text).getAddress();
    return format(mask(a, a.length * 8));
  }

  /** The masked form of an edns_client_subnet text, address/prefix. */
  public String subnet(String text) throws Exception {
    int slash = text.indexOf('/');
    int prefix = Integer.parseInt(text.substring(slash + 1));
    byte[] a = InetAddress.getByName(text.substring(0, slash)).getAddress();
    return format(mask(a, prefix)) + "/" + prefix;
  }

  private byte[] mask(byte[] a, int sourcePrefix) {
    byte[] out = new byte[a.length];
    int keep = Math.min(sourcePrefix, a.length * 8);
    if (cryptoPan != null) {
      cryptoPan.anonymize(a, 0, a.length, out, 0);
    } else {
      System.arraycopy(a, 0, out, 0, a.length);
      keep = Math.min(keep, a.length == 4 ? ipv4Prefix : ipv6Prefix);
    }
    for (int bit = keep; bit < a.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  private static String format(byte[] a) {
    Text t = new Text();
    AddressText.append(t, a, a.length);
    return t.toString();
  }
}
