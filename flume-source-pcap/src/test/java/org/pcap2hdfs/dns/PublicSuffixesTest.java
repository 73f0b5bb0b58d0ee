package org.pcap2hdfs.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/** The domainname column: registered domain under the ICANN part of the Public Suffix List. */
class PublicSuffixesTest {

  @ParameterizedTest
  @CsvSource({
    "www.example.ca, 1",
    "example.ca, 1",
    "ca, 1",
    "www.bbc.co.uk, 2",
    "co.uk, 2",
    "a.b.c.kawasaki.jp, 3",
    "city.kawasaki.jp, 2",
    "www.city.kawasaki.jp, 2",
    "foo.example.invalidtld, 1",
    "foo.github.io, 1",
    "xn--fiqs8s, 1",
  })
  void suffixLabels(String name, int expected) throws Exception {
    assertThat(PublicSuffixes.get().suffixLabels(qname(name))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"., 0"})
  void root(String name, int expected) throws Exception {
    assertThat(PublicSuffixes.get().suffixLabels(qname(name))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void listVersionIsKnown() {
    assertThat(PublicSuffixes.get().version()).matches("\\d{4}-\\d{2}-\\d{2}.*");
  }

  private static QName qname(String s) throws Exception {
    byte[] wire = Name.fromString(s.endsWith(".") ? s : s + ".").toWire();
    byte[] msg = new byte[12 + wire.length + 4];
    msg[5] = 1;
    System.arraycopy(wire, 0, msg, 12, wire.length);
    DnsMessage m = new DnsMessage();
    new DnsParser().parse(msg, 0, msg.length, msg.length, m);
    assertThat(m.hasQuestion).isTrue();
    return m.qname;
  }
}
