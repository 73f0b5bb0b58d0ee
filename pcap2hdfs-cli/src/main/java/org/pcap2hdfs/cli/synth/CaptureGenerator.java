package org.pcap2hdfs.cli.synth;

import java.io.IOException;
import java.nio.file.Path;
import org.pcap2hdfs.cli.synth.GeneratorConfig.Mode;
import org.xbill.DNS.Rcode;

/**
 * Generates an authoritative server's capture, deterministically from the seed: queries arrive as a
 * Poisson process at the configured rate from Zipf-distributed resolvers; each becomes an exchange
 * (UDP, sometimes truncated and retried over TCP, sometimes fragmented, sometimes unanswered) or
 * opens a TCP session of several queries. Frames are put in time order by a {@link FrameScheduler}
 * and streamed to the writer, so memory does not grow with the capture. The last few hundred frames
 * are plain UDP exchanges cut to fit, so the capture has exactly the number of packets asked. What
 * was written is counted in a {@link GroundTruth}.
 */
public final class CaptureGenerator {
  /** Below this many frames left, only UDP exchanges that fit are started. */
  private static final int CLOSING_FRAMES = 256;

  private static final byte[] SERVER_MAC = {0x52, 0x54, 0x00, 0x12, 0x35, 0x53};
  private static final Endpoint SERVER_V4 = Endpoint.of("198.51.100.53", 53).withMac(SERVER_MAC);
  private static final Endpoint SERVER_V6 = Endpoint.of("2001:db8:53::53", 53).withMac(SERVER_MAC);

  private final GeneratorConfig config;
  private final Rng rng;
  private final ClientPool clients;
  private final ZoneCatalog zones;
  private final TemplatePool templates;
  private final PacketBuilder packets = new PacketBuilder();
  private final FrameScheduler scheduler = new FrameScheduler();
  private final MessageAssembler assembler = new MessageAssembler();
  private final QueryShape shape = new QueryShape();
  private final WireWriter query = new WireWriter(512);
  private final WireWriter response = new WireWriter(4096);
  private final WeightedPicker attackQtypes =
      new WeightedPicker(TrafficProfile.ATTACK_QTYPE_WEIGHTS);
  private final GroundTruth truth = new GroundTruth();
  private int tcpPortCursor;

  public CaptureGenerator(GeneratorConfig config) {
    this.config = config;
    this.rng = new Rng(config.seed);
    Rng world = rng.fork();
    this.zones = new ZoneCatalog(world.fork(), config.zones);
    this.clients = new ClientPool(world.fork(), config.clients, TrafficProfile.CLIENT_ZIPF);
    this.templates =
        config.mode == Mode.REALISTIC
            ? new TemplatePool(world.fork(), zones, config.templates)
            : null;
    this.tcpPortCursor = rng.nextInt(28_232);
  }

  /** Writes the capture to a file (gzip-compressed when asked). */
  public GroundTruth write(Path path, boolean gzip) throws IOException {
    try (CaptureWriter writer = CaptureWriter.create(path, gzip)) {
      return write(writer);
    }
  }

  /** Writes the capture's frames to {@code writer}; returns what was written. */
  public GroundTruth write(CaptureWriter writer) throws IOException {
    long framesBefore = writer.frames();
    long bytesBefore = writer.bytes();
    long[] firstLast = {Long.MIN_VALUE, Long.MIN_VALUE};
    FrameSink out =
        (ts, data, off, len) -> {
          if (firstLast[0] == Long.MIN_VALUE) {
            firstLast[0] = ts;
          }
          firstLast[1] = ts;
          writer.frame(ts, data, off, len);
        };
    double clock = config.startMicros;
    double meanGap = 1e6 / config.queriesPerSecond;
    boolean first = true;
    while (scheduler.scheduled() < config.packets) {
      if (!first) {
        clock += rng.exponential(meanGap);
      }
      first = false;
      long t = (long) clock;
      scheduler.releaseUntil(t, out);
      long left = config.packets - scheduler.scheduled();
      if (config.mode == Mode.UNANSWERED) {
        attackQuery(t);
      } else if (left < CLOSING_FRAMES) {
        udpExchange(t, (int) left, false);
      } else if (rng.chance(TrafficProfile.TCP_SESSION_SHARE)) {
        tcpSession(t, clients.pick(rng), 1 + rng.nextInt(TrafficProfile.TCP_SESSION_MAX_QUERIES));
      } else {
        udpExchange(t, Integer.MAX_VALUE, true);
      }
    }
    scheduler.drain(out);
    long written = writer.frames() - framesBefore;
    if (written != config.packets) {
      throw new IllegalStateException("wrote " + written + " frames, not " + config.packets);
    }
    truth.packets = written;
    truth.bytes = writer.bytes() - bytesBefore;
    truth.firstTimestampMicros = firstLast[0];
    truth.lastTimestampMicros = firstLast[1];
    truth.fragmentedDatagrams = packets.fragmentedDatagrams();
    truth.fragmentFrames = packets.fragmentFrames();
    truth.distinctClients = clients.distinctSeen();
    return truth;
  }

  /**
   * One UDP query and what follows it. With {@code maxFrames} small (the end of the capture), the
   * response is cut to fit: truncated instead of fragmented, none at all when only the query fits.
   */
  private void udpExchange(long t, int maxFrames, boolean mayUseTcp) throws IOException {
    Client client = clients.pick(rng);
    MessageTemplate template = templates.pick(rng);
    shape.from(client, rng);
    assembler.prepareQuestion(template, rng, client.caseRandomisation);
    assembler.query(query, shape);
    Endpoint from = clientEndpoint(client, rng.between(1024, 65535));
    Endpoint server = client.address.length == 16 ? SERVER_V6 : SERVER_V4;
    packets.udp(scheduler, t, from, server, query.bytes(), 0, query.length());
    countQuery(client, false);

    double u = rng.nextDouble();
    if (u < TrafficProfile.UNANSWERED_SHARE || maxFrames < 2) {
      truth.unanswered++;
      return;
    }
    long tr = t + TrafficProfile.responseDelayMicros(rng);
    u -= TrafficProfile.UNANSWERED_SHARE;
    truth.responses++;
    if (u < TrafficProfile.FORMERR_NO_QUESTION_SHARE) {
      assembler.formErrorWithoutQuestion(response, shape);
      packets.udp(scheduler, tr, server, from, response.bytes(), 0, response.length());
      truth.responsesWithoutQuestion++;
      return;
    }
    u -= TrafficProfile.FORMERR_NO_QUESTION_SHARE;
    countRcode(template.rcode);
    assembler.response(response, template, shape);
    boolean slip = u < TrafficProfile.RRL_SLIP_SHARE;
    boolean tooBig = response.length() > shape.udpLimit();
    boolean doesNotFit = udpFrames(server, response.length()) > maxFrames - 1;
    if (slip || tooBig || doesNotFit) {
      assembler.truncated(response, template, shape);
      packets.udp(scheduler, tr, server, from, response.bytes(), 0, response.length());
      truth.truncatedResponses++;
      if (mayUseTcp && rng.chance(TrafficProfile.TCP_RETRY_SHARE)) {
        tcpRetry(tr + client.rttMicros + rng.between(20, 500), client, template);
      }
      return;
    }
    int frames = packets.udp(scheduler, tr, server, from, response.bytes(), 0, response.length());
    if (frames > 1 && server.isIpv6()) {
      truth.fragmentedIpv6Datagrams++;
    }
  }

  /** After a truncated answer the client asks the same question again over TCP. */
  private void tcpRetry(long t0, Client client, MessageTemplate template) throws IOException {
    TcpConversation tcp = openTcp(t0, client);
    long t = t0 + client.rttMicros + rng.between(5, 50);
    shape.from(client, rng);
    assembler.query(query, shape);
    assembler.response(response, template, shape);
    countRcode(template.rcode);
    countQuery(client, true);
    long last = tcpExchange(tcp, t, query.toByteArray(), response.toByteArray(), client);
    closeTcp(tcp, last, client);
  }

  /** A client that opens a connection and sends several queries over it. */
  private void tcpSession(long t0, Client client, int count) throws IOException {
    byte[][] queries = new byte[count][];
    byte[][] responses = new byte[count][];
    for (int i = 0; i < count; i++) {
      MessageTemplate template = templates.pick(rng);
      shape.from(client, rng);
      assembler.prepareQuestion(template, rng, client.caseRandomisation);
      assembler.query(query, shape);
      assembler.response(response, template, shape);
      queries[i] = query.toByteArray();
      responses[i] = response.toByteArray();
      countRcode(template.rcode);
      countQuery(client, true);
    }
    TcpConversation tcp = openTcp(t0, client);
    long t = t0 + client.rttMicros + rng.between(5, 50);
    int i = 0;
    if (count >= 2 && rng.chance(TrafficProfile.TCP_PIPELINE_SHARE)) {
      WireWriter both = new WireWriter(queries[0].length + queries[1].length + 4);
      both.u16(queries[0].length).bytes(queries[0]).u16(queries[1].length).bytes(queries[1]);
      tcp.stream(scheduler, t, true, both.bytes(), 0, both.length(), 0);
      long r0 = respondTcp(tcp, t + TrafficProfile.responseDelayMicros(rng), responses[0]);
      long r1 = respondTcp(tcp, r0 + rng.between(20, 300), responses[1]);
      tcp.ack(scheduler, r1 + client.rttMicros, true);
      t = r1 + client.rttMicros + rng.between(10, 2_000);
      i = 2;
    }
    long last = t;
    for (; i < count; i++) {
      last = tcpExchange(tcp, t, queries[i], responses[i], client);
      t = last + client.rttMicros + rng.between(10, 2_000);
    }
    closeTcp(tcp, last, client);
  }

  private TcpConversation openTcp(long t0, Client client) throws IOException {
    Endpoint from = clientEndpoint(client, nextTcpPort());
    Endpoint server = client.address.length == 16 ? SERVER_V6 : SERVER_V4;
    TcpConversation tcp =
        new TcpConversation(packets, from, server, (int) rng.nextLong(), (int) rng.nextLong());
    tcp.handshake(scheduler, t0, rng.between(15, 60), client.rttMicros);
    truth.tcpConnections++;
    return tcp;
  }

  /** A query at {@code t}, its response, the client's ACK; returns the response's time. */
  private long tcpExchange(
      TcpConversation tcp, long t, byte[] queryBytes, byte[] responseBytes, Client client)
      throws IOException {
    tcp.message(scheduler, t, true, queryBytes, 0, queryBytes.length, 0);
    long tr = respondTcp(tcp, t + TrafficProfile.responseDelayMicros(rng), responseBytes);
    if (rng.chance(0.7)) {
      tcp.ack(scheduler, tr + client.rttMicros, true);
    }
    return tr;
  }

  /** Sends a response over TCP, sometimes in two segments; returns the time of its last one. */
  private long respondTcp(TcpConversation tcp, long t, byte[] bytes) throws IOException {
    int[] cuts = {};
    if (rng.chance(TrafficProfile.TCP_SPLIT_SHARE)) {
      cuts = new int[] {rng.chance(0.5) ? 2 : rng.between(3, bytes.length + 1)};
    }
    return tcp.message(scheduler, t, false, bytes, 0, bytes.length, rng.between(5, 50), cuts);
  }

  private void closeTcp(TcpConversation tcp, long lastResponse, Client client) throws IOException {
    long rtt = client.rttMicros;
    if (rng.chance(TrafficProfile.SERVER_CLOSES_SHARE)) {
      long t = lastResponse + rtt + rng.logUniform(200_000, 2_000_000);
      tcp.close(scheduler, t, false, rtt, rtt + 20);
    } else {
      long t = lastResponse + rtt + rng.between(100, 5_000);
      tcp.close(scheduler, t, true, rng.between(15, 60), rtt);
    }
  }

  /** Unanswered mode: one query for a random name under one of a few victim zones. */
  private void attackQuery(long t) throws IOException {
    Client client = clients.pick(rng);
    shape.from(client, rng);
    byte[] zone = zones.zones().get(rng.nextInt(Math.min(3, zones.zones().size()))).apex.toWire();
    int qtype = TrafficProfile.ATTACK_QTYPES[attackQtypes.pick(rng)];
    WireWriter q = response.reset();
    int labels = rng.chance(0.2) ? 2 : 1;
    for (int i = 0; i < labels; i++) {
      int len = rng.between(8, 16);
      q.u8(len);
      int at = q.length();
      for (int k = 0; k < len; k++) {
        q.u8('x');
      }
      MessageAssembler.randomLabel(rng, q.bytes(), at, len);
    }
    q.bytes(zone).u16(qtype).u16(1);
    assembler.setQuestion(q.bytes(), 0, q.length());
    assembler.query(query, shape);
    Endpoint from = clientEndpoint(client, rng.between(1024, 65535));
    Endpoint server = client.address.length == 16 ? SERVER_V6 : SERVER_V4;
    packets.udp(scheduler, t, from, server, query.bytes(), 0, query.length());
    countQuery(client, false);
    truth.unanswered++;
  }

  private int udpFrames(Endpoint server, int dnsLength) {
    int mtu = PacketBuilder.DEFAULT_MTU;
    int ipHeader = server.isIpv6() ? 40 : 20;
    int udpLength = 8 + dnsLength;
    if (ipHeader + udpLength <= mtu) {
      return 1;
    }
    int step = (mtu - ipHeader - (server.isIpv6() ? 8 : 0)) & ~7;
    return (udpLength + step - 1) / step;
  }

  private void countQuery(Client client, boolean tcp) {
    truth.queries++;
    if (tcp) {
      truth.tcpQueries++;
      truth.tcpMessages += 2;
      truth.responses++;
    } else {
      truth.udpQueries++;
    }
    if (client.address.length == 16) {
      truth.ipv6Queries++;
    }
    if (shape.edns) {
      truth.ednsQueries++;
      if (shape.dnssecOk) {
        truth.dnssecOkQueries++;
      }
      if (shape.clientSubnet) {
        truth.clientSubnetQueries++;
      }
      if (shape.clientCookie != null) {
        truth.cookieQueries++;
      }
    }
  }

  private void countRcode(int rcode) {
    if (rcode == Rcode.NXDOMAIN) {
      truth.nxdomain++;
    } else if (rcode == Rcode.REFUSED) {
      truth.refused++;
    }
  }

  private Endpoint clientEndpoint(Client client, int port) {
    return Endpoint.shared(
        client.address, port, client.ttl, client.dontFragment, Endpoint.GATEWAY_MAC);
  }

  /** Ephemeral ports walk the whole range before one comes back: no two live connections clash. */
  private int nextTcpPort() {
    tcpPortCursor = (tcpPortCursor + 7919) % 28_232;
    return 32_768 + tcpPortCursor;
  }
}
