package org.pcap2hdfs.flume.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.pcap2hdfs.row.RowSchema;
import org.pcap2hdfs.testing.EventRows;

/** The live source wired to a real {@link MemoryChannel}; rows are read off it after the stop. */
final class LiveHarness {
  final MemoryChannel channel = new MemoryChannel();
  final PcapLiveSource source = new PcapLiveSource();
  private final Map<String, String> settings = new HashMap<>();

  LiveHarness(Path schemaDir, String... keyValues) {
    Map<String, String> ch = new HashMap<>();
    ch.put("capacity", "1000000");
    ch.put("transactionCapacity", "10000");
    ch.put("keep-alive", "0"); // an empty channel's take() returns at once
    Configurables.configure(channel, new Context(ch));
    settings.put("server", "ns1.test");
    settings.put("location", "lab");
    settings.put("interface", "lo");
    settings.put("schemaDir", schemaDir.toString());
    settings.put("batchSize", "100");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
  }

  LiveHarness start(PacketCapture.Opener opener) {
    channel.start();
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of((Channel) channel));
    ChannelProcessor processor = new ChannelProcessor(selector);
    processor.configure(new Context());
    source.setName("live");
    source.setChannelProcessor(processor);
    Configurables.configure(source, new Context(settings));
    if (opener != null) {
      source.useOpener(opener);
    }
    source.start();
    return this;
  }

  /** Stops the source and returns every row it delivered, in order. */
  List<GenericRecord> stopAndTakeRows() throws IOException {
    source.stop();
    List<Event> events = new ArrayList<>();
    while (true) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      Event e = channel.take();
      tx.commit();
      tx.close();
      if (e == null) {
        break;
      }
      events.add(e);
    }
    channel.stop();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(RowSchema.get().avro());
    List<GenericRecord> rows = new ArrayList<>();
    for (Event e : events) {
      for (byte[] datum : EventRows.datums(e)) {
        rows.add(reader.read(null, DecoderFactory.get().binaryDecoder(datum, null)));
      }
    }
    return rows;
  }
}
