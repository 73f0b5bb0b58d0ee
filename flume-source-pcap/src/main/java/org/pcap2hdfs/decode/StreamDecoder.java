package org.pcap2hdfs.decode;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import org.pcap2hdfs.capture.CaptureFaultException;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Captures;
import org.pcap2hdfs.capture.Frame;
import org.pcap2hdfs.dns.DnsParser;
import org.pcap2hdfs.join.DnsEvent;
import org.pcap2hdfs.join.JoinCheckpoint;
import org.pcap2hdfs.join.Joiner;
import org.pcap2hdfs.metrics.DecodeCounters;
import org.pcap2hdfs.packet.IcmpPacket;
import org.pcap2hdfs.packet.MessageSink;
import org.pcap2hdfs.packet.PacketDecoder;
import org.pcap2hdfs.packet.Transport;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.row.RowSink;

/**
 * The stream of one name server: its capture files, in order, through packet decoding, DNS parsing
 * and the join, to rows. State (pending queries, TCP streams, fragments) flows from one file to the
 * next; {@link #finish()} ends the stream and emits what is still pending.
 */
public final class StreamDecoder {
  private final DecodeCounters counters = new DecodeCounters();
  private final PacketDecoder packets;
  private final DnsParser parser = new DnsParser();
  private final Joiner joiner;
  private final RowBuilder builder;
  private final Row row = new Row();
  private RowSink sink;
  private final Frame frame = new Frame();

  private String file = "";
  private long messageIndex;

  private IcmpRowBuilder icmpBuilder;
  private Row icmpRow;
  private RowSink icmpSink;
  private long icmpIndex;

  /** Wraps a failure of the row sink while it is called from deep inside the decoder. */
  private static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(Exception cause) {
      super(cause);
    }
  }

  public StreamDecoder(DecoderConfig config, String server, String location, RowSink sink) {
    this.sink = sink;
    this.builder = config.rowBuilder(server, location);
    this.joiner = new Joiner(config.join, this::pair, counters);
    MessageSink messages = this::message;
    this.packets = new PacketDecoder(config.dnsPorts, messages, counters, config.reassembly);
  }

  /**
   * A decoder that hands the joined pairs, and the events themselves, to {@code rows}, which builds
   * and delivers the rows on its own thread. A {@link PairHandoff.RowSinkFailure} comes out of the
   * decoding call.
   */
  public StreamDecoder(DecoderConfig config, PairHandoff rows) {
    this.builder = null;
    this.joiner = new Joiner(config.join, rows, counters, true);
    rows.bind(joiner);
    MessageSink messages = this::message;
    this.packets = new PacketDecoder(config.dnsPorts, messages, counters, config.reassembly);
  }

  /**
   * Turns ICMP and ICMPv6 messages into rows of {@link RowSchema#icmp()} for {@code sink}, built on
   * the decoding thread (they are few). Without this call they are counted as other transport.
   */
  public void enableIcmp(String server, String location, RowSink sink) {
    icmpBuilder = new IcmpRowBuilder(server, location, counters);
    icmpRow = new Row(RowSchema.icmp());
    icmpSink = sink;
    packets.icmpSink(this::icmp);
  }

  /** Sends the ICMP rows from now on to {@code sink} (after {@link #enableIcmp}). */
  public void setIcmpSink(RowSink sink) {
    if (icmpBuilder == null) {
      throw new IllegalStateException("ICMP rows are not enabled");
    }
    icmpSink = sink;
  }

  /** Sends the rows from now on to {@code sink}. */
  public void setSink(RowSink sink) {
    this.sink = sink;
  }

  public DecodeCounters counters() {
    counters.pendingQueries = joiner.pending();
    return counters;
  }

  public Joiner joiner() {
    return joiner;
  }

  /**
   * Decodes a whole capture file.
   *
   * @param baseName the name rows carry in {@code pcap_file} and their event id
   * @return the fault that ended the capture early, or null when it was read to its end
   * @throws IOException when the file cannot be opened or is not a capture (nothing was decoded)
   * @throws Exception what the row sink threw
   */
  public CaptureFaultException decode(Path path, String baseName) throws Exception {
    try (CaptureReader reader = Captures.open(path)) {
      return decode(reader, baseName);
    }
  }

  /** Decodes the records of an open capture; see {@link #decode(Path, String)}. */
  public CaptureFaultException decode(CaptureReader reader, String baseName) throws Exception {
    startFile(baseName);
    counters.files++;
    long before = reader.position();
    try {
      while (reader.next(frame)) {
        packets.decode(frame);
      }
      return null;
    } catch (CaptureFaultException e) {
      counters.captureFaults++;
      return e;
    } catch (SinkFailure e) {
      throw (Exception) e.getCause();
    } finally {
      counters.bytesRead += reader.position() - before;
    }
  }

  /** Starts the messages of a new file: they get indices from 0 and carry its name. */
  public void startFile(String baseName) {
    file = baseName;
    messageIndex = 0;
    icmpIndex = 0;
  }

  /** Decodes one frame of the current file (for callers that drive the reader themselves). */
  public void decodeFrame(Frame f) throws Exception {
    try {
      packets.decode(f);
    } catch (SinkFailure e) {
      throw (Exception) e.getCause();
    }
  }

  /** Emits pending queries whose timeout has passed at capture time {@code nowMicros}. */
  public void advanceTo(long nowMicros) throws Exception {
    try {
      joiner.advanceTo(nowMicros);
    } catch (SinkFailure e) {
      throw (Exception) e.getCause();
    }
  }

  /**
   * Ends the stream: TCP messages waiting behind holes are framed (unframed bytes are dropped),
   * then every pending query becomes a row.
   */
  public void finish() throws Exception {
    try {
      packets.tcp().clear();
      joiner.flush();
    } catch (SinkFailure e) {
      throw (Exception) e.getCause();
    }
    packets.fragments().clear();
  }

  /**
   * Format version of {@link #writeState}; bumped whenever the layout changes. Version 1 (before
   * TCP loss handling) is still read.
   */
  public static final int STATE_VERSION = 2;

  private static final int STATE_MAGIC = 0x50324853; // "P2HS"

  /**
   * Writes what the stream carries into its next file: pending queries, open zone transfers, TCP
   * streams and IP fragments, behind a magic number and {@link #STATE_VERSION}.
   */
  public void writeState(DataOutput out) throws IOException {
    out.writeInt(STATE_MAGIC);
    out.writeInt(STATE_VERSION);
    JoinCheckpoint.write(joiner, out);
    packets.tcp().writeState(out);
    packets.fragments().writeState(out);
  }

  /**
   * Restores state written by {@link #writeState} into a fresh decoder.
   *
   * @throws IOException when the data is not a state of a version this code reads
   */
  public void readState(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != STATE_MAGIC) {
      throw new IOException(String.format("not a pcap2hdfs stream state (magic 0x%08x)", magic));
    }
    int version = in.readInt();
    if (version != STATE_VERSION && version != 1) { // 1: TCP streams without loss bookkeeping
      throw new IOException(
          "stream state version "
              + version
              + " is not readable by this version ("
              + STATE_VERSION
              + ")");
    }
    JoinCheckpoint.read(joiner, in);
    packets.tcp().readState(in, version);
    packets.fragments().readState(in);
  }

  private void message(Transport t, byte[] data, int offset, int captured, int wire) {
    counters.dnsMessages++;
    long index = messageIndex++;
    DnsEvent e = joiner.take();
    if (!parser.parse(data, offset, captured, wire, e.message)) {
      counters.malformed++;
      return; // no header: nothing to join on
    }
    if (e.message.malformed) {
      counters.malformed++;
    }
    e.setTransport(t);
    e.file = file;
    e.messageIndex = index;
    joiner.accept(e);
  }

  private void icmp(Transport t, IcmpPacket m, byte[] data) {
    // The top bit keeps ICMP event ids apart from those of the file's DNS rows.
    icmpBuilder.build(icmpRow, t, m, data, file, icmpIndex++ | Long.MIN_VALUE);
    counters.icmpRows++;
    try {
      icmpSink.row(icmpRow);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SinkFailure(e);
    }
  }

  private void pair(DnsEvent q, DnsEvent r) {
    builder.build(row, q, r);
    try {
      sink.row(row);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SinkFailure(e);
    }
  }
}
