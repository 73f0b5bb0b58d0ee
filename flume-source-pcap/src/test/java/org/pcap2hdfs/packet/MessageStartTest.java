package org.pcap2hdfs.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcap2hdfs.packet.MessageStart.MORE;
import static org.pcap2hdfs.packet.MessageStart.NO;
import static org.pcap2hdfs.packet.MessageStart.YES;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pcap2hdfs.testing.Dns;
import org.pcap2hdfs.testing.Packets;
import org.xbill.DNS.Message;

/** Which bytes may start a length-prefixed DNS message after a hole. */
class MessageStartTest {
  private final Message query = Dns.query(0x14d9, "www.example.ca", 28);
  private final byte[] q = Packets.lengthPrefixed(query.toWire());
  private final byte[] r = Packets.lengthPrefixed(Dns.response(query, 3).toWire());

  private static int toServer(byte[] b) {
    return MessageStart.judge(b, 0, b.length, true, false);
  }

  private static int fromServer(byte[] b) {
    return MessageStart.judge(b, 0, b.length, false, true);
  }

  private static byte[] with(byte[] b, int at, int value) {
    byte[] c = b.clone();
    c[at] = (byte) value;
    return c;
  }

  @Test
  void queriesToTheServerAndResponsesFromIt() {
    assertThat(toServer(q)).isEqualTo(YES);
    assertThat(fromServer(r)).isEqualTo(YES);
    assertThat(fromServer(q)).isEqualTo(NO);
    assertThat(toServer(r)).isEqualTo(NO);
    assertThat(MessageStart.judge(q, 0, q.length, true, true)).isEqualTo(YES); // port 53 to 53
  }

  @Test
  void tooFewBytesToJudgeAskForMore() {
    assertThat(toServer(Arrays.copyOf(q, 13))).isEqualTo(MORE);
    assertThat(toServer(Arrays.copyOf(q, 20))).isEqualTo(MORE); // inside the question name
    assertThat(toServer(Arrays.copyOf(q, q.length - 1))).isEqualTo(MORE); // in its class
  }

  @Test
  void theBodyOfAMessageWithoutItsLengthIsNoStart() {
    // What a segment after a lost 2-byte length begins with: the id read as a length.
    assertThat(toServer(Arrays.copyOfRange(q, 2, q.length))).isEqualTo(NO);
  }

  @Test
  void headersThatCannotBeAreRefused() {
    assertThat(toServer(with(with(q, 0, 0), 1, 11))).as("length under 12").isEqualTo(NO);
    assertThat(toServer(with(q, 4, 0x18))).as("opcode 3").isEqualTo(NO);
    assertThat(toServer(with(q, 5, 0x40))).as("Z set").isEqualTo(NO);
    assertThat(toServer(with(q, 7, 2))).as("two questions").isEqualTo(NO);
    assertThat(toServer(with(q, 7, 0))).as("a query without question").isEqualTo(NO);
    assertThat(toServer(with(q, 12, 9))).as("more records than fit").isEqualTo(NO);
    assertThat(fromServer(with(r, 7, 0))).as("FORMERR-like answer without question").isEqualTo(YES);
  }

  @Test
  void theQuestionMustParseWithinTheLength() {
    assertThat(toServer(with(q, 14, 0xC0))).as("a pointer as first label").isEqualTo(NO);
    assertThat(toServer(with(q, 14, 60))).as("a label past the end").isEqualTo(NO);
    assertThat(toServer(with(q, q.length - 1, 7))).as("class 7").isEqualTo(NO);
    byte[] shortLength = with(q, 1, q.length - 2 - 3); // the length ends inside the question
    assertThat(toServer(shortLength)).isEqualTo(NO);
  }
}
