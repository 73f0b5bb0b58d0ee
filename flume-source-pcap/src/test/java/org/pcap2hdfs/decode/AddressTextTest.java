package org.pcap2hdfs.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap2hdfs.row.Text;

class AddressTextTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "2001:db8::1, 2001:db8::1",
    "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "::, ::",
    "::1, ::1",
    "fe80::, fe80::",
    "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
    "::ffff:192.0.2.1, ::ffff:192.0.2.1",
    "2a02:cf40::16, 2a02:cf40::16"
  })
  void rfc5952(String literal, String expected) throws Exception {
    byte[] a = InetAddress.getByName(literal).getAddress();
    if (literal.startsWith("::ffff:")) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xFF;
      mapped[11] = (byte) 0xFF;
      System.arraycopy(a, 0, mapped, 12, 4);
      a = mapped;
    }
    Text t = new Text();
    AddressText.append(t, a, a.length);
    assertThat(t.toString()).isEqualTo(expected);
  }
}
