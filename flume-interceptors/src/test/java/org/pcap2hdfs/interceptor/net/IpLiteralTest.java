package org.pcap2hdfs.interceptor.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
  private static byte[] parse(String s) {
    byte[] text = s.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[16];
    int n = IpLiteral.parse(text, 0, text.length, out);
    return n == 0 ? null : Arrays.copyOf(out, n);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "81.2.69.142",
        "0.0.0.0",
        "255.255.255.255",
        "2001:218::14",
        "::",
        "::1",
        "1::",
        "2001:db8:0:0:1:0:0:1",
        "2001:DB8::A:b",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "::1:2:3:4:5:6:7",
        "::ffff:192.0.2.1",
        "64:ff9b::198.51.100.7",
        "1:2:3:4:5:6:1.2.3.4",
        "fe80::1%eth0"
      })
  void agreesWithTheJdkOnLiterals(String literal) throws Exception {
    byte[] expected = InetAddress.getByName(literal).getAddress();
    byte[] actual = parse(literal);
    if (expected.length == 4 && literal.contains(":")) { // the JDK folds ::ffff:a.b.c.d to IPv4
      assertThat(actual).hasSize(16).endsWith(expected);
    } else {
      assertThat(actual).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.ca",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1.2.3.4 ",
        "1..2.3",
        "1.2.3.1234",
        ":::",
        "1:::2",
        "1::2::3",
        ":1:2",
        "1:2:",
        "1:2:3:4:5:6:7:8:9",
        "12345::",
        "1:2:3:4:5:6:7:1.2.3.4",
        "g::1",
        "::1.2.3"
      })
  void rejectsWhatIsNoAddress(String text) {
    assertThat(parse(text)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.0/24", "2001:db8::/56", "81.2.69.142"})
  void findsTheEndOfTheAddressInASubnet(String subnet) {
    byte[] b = subnet.getBytes(StandardCharsets.US_ASCII);
    int slash = subnet.indexOf('/');
    assertThat(IpLiteral.addressEnd(b, 0, b.length)).isEqualTo(slash < 0 ? b.length : slash);
  }
}
