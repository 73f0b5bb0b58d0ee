package org.pcap2hdfs.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The qname text against dnsjava's {@code Name.toString(true)} of the canonical (A-Z lower-cased)
 * name, for every byte value at every position of a label and of a name, read through the parser
 * from a question on the wire; label boundaries, the public suffix split and the checkpoint form
 * must not be fooled by the escapes.
 */
class QNameTest {

  private final DnsParser parser = new DnsParser();
  private final DnsMessage message = new DnsMessage();

  @Test
  void everyByteValueIsEscapedAsDnsjavaPrintsIt() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (int b = 0; b < 256; b++) {
      byte x = (byte) b;
      byte[][][] names = {
        {{x}},
        {{x, 'a', 'b'}},
        {{'a', x, 'b'}},
        {{'a', 'B', x}},
        {{x, x}, {'E', 'x'}},
        {{'w', 'w', 'w'}, {'A', x}, {'c', 'o', 'm'}},
        {{'w', 'w', 'w'}, {x}, {x, x, x}, {'n', 'l'}},
      };
      for (byte[][] labels : names) {
        byte[] wire = wire(labels);
        String theirs = new Name(wire).canonicalize().toString(true);
        QName ours = parse(wire);
        compared++;
        if (!theirs.equals(ours.toString())) {
          disagreements.add(b + ": dnsjava " + theirs + " vs " + ours);
          continue;
        }
        if (ours.labels() != labels.length) {
          disagreements.add(b + ": " + ours.labels() + " labels in " + ours);
        }
        for (int i = 0; i < labels.length; i++) {
          String label = new Name(wire(new byte[][] {labels[i]})).canonicalize().toString(true);
          String text = ours.toString();
          int start = ours.labelStart(i);
          int end = i + 1 < labels.length ? ours.labelStart(i + 1) - 1 : ours.length();
          if (!text.substring(start, end).equals(label)) {
            disagreements.add(b + ": label " + i + " of " + text + " is not " + label);
          }
        }
        assertRestoresTheSame(ours);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).isEqualTo(256 * 7);
  }

  @Test
  void theSpecialCharactersAreBackslashedNotDecimal() throws Exception {
    QName n = parse(wire(new byte[][] {"a\"()".getBytes(), ";@$.\\".getBytes(), "Com".getBytes()}));
    assertThat(n.toString()).isEqualTo("a\\\"\\(\\).\\;\\@\\$\\.\\\\.com");
    assertThat(n.labels()).isEqualTo(3);
  }

  @Test
  void rootIsADot() throws Exception {
    assertThat(parse(new byte[] {0}).toString()).isEqualTo(".");
    assertThat(Name.root.toString(true)).isEqualTo(".");
  }

  @Test
  void escapedDotsAndSpecialsDoNotSplitLabelsOrTheRegisteredDomain() throws Exception {
    QName n =
        parse(
            wire(
                new byte[][] {
                  "a.b".getBytes(),
                  "x(y)".getBytes(),
                  "Example".getBytes(),
                  "co".getBytes(),
                  "uk".getBytes()
                }));
    assertThat(n.toString()).isEqualTo("a\\.b.x\\(y\\).example.co.uk");
    assertThat(n.labels()).isEqualTo(5);
    assertThat(PublicSuffixes.get().suffixLabels(n)).isEqualTo(2);
    QName odd = parse(wire(new byte[][] {"www".getBytes(), "co.uk".getBytes()}));
    assertThat(odd.toString()).isEqualTo("www.co\\.uk");
    assertThat(odd.labels()).isEqualTo(2);
    // "co\.uk" is one label, not the public suffix co.uk: the implicit "*" rule applies
    assertThat(PublicSuffixes.get().suffixLabels(odd)).isEqualTo(1);
  }

  @Test
  void namesDifferingOnlyInAsciiCaseAreEqualButNotOtherBytes() throws Exception {
    QName upper = new QName();
    upper.copyFrom(parse(wire(new byte[][] {"WWW".getBytes(), "Ex$".getBytes()})));
    QName lower = parse(wire(new byte[][] {"www".getBytes(), "ex$".getBytes()}));
    assertThat(upper.contentEquals(lower)).isTrue();
    assertThat(upper.contentHash()).isEqualTo(lower.contentHash());
    // 0xC0 and 0xE0 (Latin-1 upper and lower case) stay distinct, as dnsjava keeps them
    QName c0 = new QName();
    c0.copyFrom(parse(wire(new byte[][] {{(byte) 0xC0}})));
    assertThat(c0.contentEquals(parse(wire(new byte[][] {{(byte) 0xE0}})))).isFalse();
  }

  private static void assertRestoresTheSame(QName ours) {
    QName back = new QName();
    back.restore(ours.toString(), true);
    assertThat(back.toString()).isEqualTo(ours.toString());
    assertThat(back.contentEquals(ours)).isTrue();
    assertThat(back.contentHash()).isEqualTo(ours.contentHash());
    assertThat(back.labels()).as("labels of %s after restore", ours).isEqualTo(ours.labels());
    for (int i = 0; i < ours.labels(); i++) {
      assertThat(back.labelStart(i)).isEqualTo(ours.labelStart(i));
    }
  }

  /** Parses a query whose question name is {@code name} (wire form) and returns its qname. */
  private QName parse(byte[] name) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    m.writeBytes(name);
    m.writeBytes(new byte[] {0, 1, 0, 1});
    byte[] b = m.toByteArray();
    assertThat(parser.parse(b, 0, b.length, b.length, message)).isTrue();
    assertThat(message.malformed).as(message.malformedReason).isFalse();
    assertThat(message.hasQuestion).isTrue();
    return message.qname;
  }

  private static byte[] wire(byte[][] labels) {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    for (byte[] l : labels) {
      w.write(l.length);
      w.writeBytes(l);
    }
    w.write(0);
    return w.toByteArray();
  }
}
