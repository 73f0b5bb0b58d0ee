package org.pcap2hdfs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TruncationTest {

  @Test
  void defaultsKeepAnIpv4Slash24AndAnIpv6Slash48() throws Exception {
    Truncation t = new Truncation(24, 48);
    assertThat(mask(t, "198.51.100.77")).isEqualTo("198.51.100.0");
    assertThat(mask(t, "2001:db8:1234:5678:9abc::1")).isEqualTo("2001:db8:1234:0:0:0:0:0");
  }

  @Test
  void prefixesNeedNotBeByteAligned() throws Exception {
    assertThat(mask(new Truncation(20, 48), "198.51.255.255")).isEqualTo("198.51.240.0");
    assertThat(mask(new Truncation(0, 48), "198.51.100.77")).isEqualTo("0.0.0.0");
    assertThat(mask(new Truncation(32, 48), "198.51.100.77")).isEqualTo("198.51.100.77");
    assertThat(mask(new Truncation(24, 36), "2001:db8:ffff::1"))
        .isEqualTo("2001:db8:f000:0:0:0:0:0");
    assertThat(mask(new Truncation(24, 128), "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void anIpv4MappedClientIsTruncatedAsIpv4() throws Exception {
    ClientAddresses c = new ClientAddresses(new Truncation(24, 48));
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    System.arraycopy(InetAddress.getByName("198.51.100.77").getAddress(), 0, mapped, 12, 4);
    byte[] out = new byte[16];
    c.client(mapped, 16, out);
    byte[] expected = mapped.clone();
    expected[15] = 0;
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void aClientSubnetLosesTheBitsBeyondBothPrefixes() throws Exception {
    ClientAddresses c = new ClientAddresses(new Truncation(24, 48));
    byte[] a = InetAddress.getByName("198.51.100.77").getAddress();
    c.subnet(a, 4, 32); // a /32 subnet: the client's full address, cut to /24
    assertThat(InetAddress.getByAddress(a).getHostAddress()).isEqualTo("198.51.100.0");
    a = InetAddress.getByName("198.51.100.77").getAddress();
    c.subnet(a, 4, 16); // bits beyond the source prefix were sent: dropped
    assertThat(InetAddress.getByAddress(a).getHostAddress()).isEqualTo("198.51.0.0");
  }

  static String mask(AddressMasker m, String address) throws Exception {
    byte[] a = InetAddress.getByName(address).getAddress();
    byte[] out = new byte[a.length];
    m.mask(a, 0, a.length, out, 0);
    return InetAddress.getByAddress(out).getHostAddress();
  }
}
