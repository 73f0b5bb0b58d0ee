package org.pcap2hdfs.cli.synth;

/**
 * A question and the server's responses to it (without and with DNSSEC records), pre-built as wire
 * bytes. Per query only the id, flags, the question's letters (case, random label) and the OPT
 * record change: the question is the first name in the message, so every compression pointer into
 * it stays valid when its letters are rewritten in place.
 */
final class MessageTemplate {
  static final int HEADER = 12;

  final int qtype;

  /** The question section: name, type, class. */
  final byte[] question;

  /** The response to a query without DO, without OPT record. */
  final byte[] response;

  /** The response to a query with DO (the same array for unsigned zones). */
  final byte[] responseDnssec;

  /** Where the label to fill with random letters starts in {@link #question}, or -1. */
  final int randomLabelOffset;

  final int randomLabelLength;

  final int rcode;

  MessageTemplate(
      int qtype,
      byte[] response,
      byte[] responseDnssec,
      int questionLength,
      int randomLabelOffset,
      int randomLabelLength) {
    this.qtype = qtype;
    this.question = java.util.Arrays.copyOfRange(response, HEADER, HEADER + questionLength);
    this.response = response;
    this.responseDnssec = responseDnssec;
    this.randomLabelOffset = randomLabelOffset;
    this.randomLabelLength = randomLabelLength;
    this.rcode = response[3] & 0x0F;
  }

  byte[] response(boolean dnssecOk) {
    return dnssecOk ? responseDnssec : response;
  }
}
