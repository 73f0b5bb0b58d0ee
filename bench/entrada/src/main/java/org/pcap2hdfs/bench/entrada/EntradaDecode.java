package org.pcap2hdfs.bench.entrada;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import nl.sidnlabs.pcap.PcapReader;
import nl.sidnlabs.pcap.packet.DNSPacket;
import nl.sidnlabs.pcap.packet.Packet;

/**
 * Decodes capture files with ENTRADA's pcap-lib the way ENTRADA2 reads them (a buffered stream,
 * TCP reassembly on, full decoding of every DNS message) and only counts what comes out: no join,
 * no rows, no output. One summary line on stderr.
 */
public final class EntradaDecode {
  private EntradaDecode() {}

  public static void main(String[] args) throws Exception {
    long packets = 0;
    long dnsPackets = 0;
    long messages = 0;
    long start = System.nanoTime();
    for (String file : args) {
      InputStream in = new BufferedInputStream(new FileInputStream(file), 64 * 1024);
      if (file.endsWith(".gz")) {
        in = new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
      }
      PcapReader reader = new PcapReader(new DataInputStream(in), null, true, file, false);
      for (Packet p : reader.iter()) {
        packets++;
        if (p instanceof DNSPacket) {
          dnsPackets++;
          messages += ((DNSPacket) p).getMessageCount();
        }
      }
      reader.close();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf(
        "entrada: packets=%d dns_packets=%d dns_messages=%d in %.2f s (%.2f M packets/s)%n",
        packets, dnsPackets, messages, seconds, packets / seconds / 1e6);
  }
}
