package org.pcap2hdfs.cli.bench;

import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.decode.DecoderConfig;
import org.pcap2hdfs.decode.StreamDecoder;
import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.dns.DnsParser;
import org.pcap2hdfs.join.DnsEvent;
import org.pcap2hdfs.join.Joiner;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.PacketDecoder;
import org.pcap2hdfs.packet.Transport;
import org.pcap2hdfs.row.AvroRowCodec;
import org.pcap2hdfs.row.ByteSink;

/**
 * The four pipelines, each the previous one plus a stage, wired from the project's own classes the
 * way {@link StreamDecoder} wires them. Each consumes what it produces into a checksum.
 */
final class StagePipelines {
  private StagePipelines() {}

  /** (a) Capture records only. */
  static final class ReadOnly implements Stage.StagePipeline {
    private final DecodeCounters counters = new DecodeCounters();

    @Override
    public long run(CaptureReader reader) throws Exception {
      Frame f = new Frame();
      long sum = 0;
      while (reader.next(f)) {
        counters.packets++;
        sum += f.capturedLength + f.data[f.offset];
      }
      return sum;
    }

    @Override
    public DecodeCounters counters() {
      return counters;
    }
  }

  /** (b) Records, link/IP/UDP/TCP decoding with reassembly, and DNS parsing; no join. */
  static final class DecodeAndParse implements Stage.StagePipeline {
    private final DecodeCounters counters = new DecodeCounters();
    private final DnsParser parser = new DnsParser();
    private final DnsMessage message = new DnsMessage();
    private final PacketDecoder packets;
    private long sum;

    DecodeAndParse(DecoderConfig config) {
      packets = new PacketDecoder(config.dnsPorts, this::message, counters, config.reassembly);
    }

    private void message(Transport t, byte[] data, int off, int captured, int wire) {
      counters.dnsMessages++;
      if (!parser.parse(data, off, captured, wire, message)) {
        counters.malformed++;
        return;
      }
      if (message.malformed) {
        counters.malformed++;
      }
      if (message.isResponse()) {
        counters.responses++;
      } else {
        counters.queries++;
      }
      sum += message.id + message.qtype + message.qname.length() + t.srcPort;
    }

    @Override
    public long run(CaptureReader reader) throws Exception {
      Frame f = new Frame();
      while (reader.next(f)) {
        packets.decode(f);
      }
      packets.tcp().clear();
      packets.fragments().clear();
      return sum;
    }

    @Override
    public DecodeCounters counters() {
      return counters;
    }
  }

  /** (c) As (b), then the query/response join; the pairs are consumed, no rows are built. */
  static final class DecodeParseJoin implements Stage.StagePipeline {
    private final DecodeCounters counters = new DecodeCounters();
    private final DnsParser parser = new DnsParser();
    private final PacketDecoder packets;
    private final Joiner joiner;
    private long messageIndex;
    private long sum;

    DecodeParseJoin(DecoderConfig config) {
      joiner = new Joiner(config.join, this::pair, counters);
      packets = new PacketDecoder(config.dnsPorts, this::message, counters, config.reassembly);
    }

    /** What {@link StreamDecoder} does with a message, minus the rows. */
    private void message(Transport t, byte[] data, int off, int captured, int wire) {
      counters.dnsMessages++;
      long index = messageIndex++;
      DnsEvent e = joiner.take();
      if (!parser.parse(data, off, captured, wire, e.message)) {
        counters.malformed++;
        return;
      }
      if (e.message.malformed) {
        counters.malformed++;
      }
      e.setTransport(t);
      e.file = "bench";
      e.messageIndex = index;
      joiner.accept(e);
    }

    private void pair(DnsEvent q, DnsEvent r) {
      sum += (q != null ? q.message.id : 0) + (r != null ? r.timestampMicros : 0);
    }

    @Override
    public long run(CaptureReader reader) throws Exception {
      Frame f = new Frame();
      while (reader.next(f)) {
        packets.decode(f);
      }
      joiner.flush();
      packets.tcp().clear();
      packets.fragments().clear();
      return sum;
    }

    @Override
    public DecodeCounters counters() {
      return counters;
    }
  }

  /**
   * (d) The whole pipeline: {@link StreamDecoder} with a row sink that Avro-encodes every row with
   * {@link AvroRowCodec} into a reused buffer and discards it.
   */
  static final class FullPipeline implements Stage.StagePipeline {
    private final StreamDecoder decoder;
    private final ByteSink buffer = new ByteSink(4096);
    private long sum;

    FullPipeline(DecoderConfig config) {
      decoder =
          new StreamDecoder(
              config,
              "bench-server",
              "bench-location",
              row -> {
                buffer.reset();
                AvroRowCodec.encode(row, buffer);
                sum += buffer.length();
              });
    }

    @Override
    public long run(CaptureReader reader) throws Exception {
      decoder.decode(reader, "bench.pcap");
      decoder.finish();
      return sum;
    }

    @Override
    public DecodeCounters counters() {
      return decoder.counters();
    }
  }
}
