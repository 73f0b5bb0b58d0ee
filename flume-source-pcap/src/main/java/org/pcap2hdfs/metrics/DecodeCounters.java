package org.pcap2hdfs.metrics;

/**
 * What the decoding of one stream saw, stage by stage. Plain fields: one decoding thread owns an
 * instance; readers elsewhere take a {@link #copy()} or {@link #addTo(DecodeCounters)}.
 */
public final class DecodeCounters {
  // capture
  public long files;
  public long filesFailed;
  public long bytesRead;
  public long packets;
  public long truncatedFrames;
  public long captureFaults;

  // packets
  public long nonIp;
  public long badIp;
  public long otherTransport;
  public long notDns;
  public long fragments;
  public long fragmentsReassembled;
  public long fragmentsDropped;
  public long tcpSegments;
  public long tcpMessages;
  public long tcpGaps;
  public long tcpBytesDropped;

  /** Bytes of TCP streams never captured (holes taken as capture loss). */
  public long tcpBytesSkipped;

  public long tcpRetransmittedSegments;
  public long tcpFlowsEvicted;

  // icmp (when ICMP rows are on)
  public long icmpMessages;
  public long icmpMalformed;
  public long icmpQuotingDns;
  public long icmpRows;

  // dns
  public long dnsMessages;
  public long queries;
  public long responses;
  public long malformed;

  // join
  public long rows;
  public long matched;
  public long unanswered;
  public long unsolicited;
  public long evicted;
  public long duplicateQueries;
  public long xfrExtraMessages;
  public long clockResets;
  public long pendingQueries;

  public DecodeCounters copy() {
    DecodeCounters c = new DecodeCounters();
    c.addFrom(this);
    c.pendingQueries = pendingQueries;
    return c;
  }

  /** Adds every counter of {@code other} to this one (pending queries is a gauge: summed too). */
  public void addFrom(DecodeCounters o) {
    files += o.files;
    filesFailed += o.filesFailed;
    bytesRead += o.bytesRead;
    packets += o.packets;
    truncatedFrames += o.truncatedFrames;
    captureFaults += o.captureFaults;
    nonIp += o.nonIp;
    badIp += o.badIp;
    otherTransport += o.otherTransport;
    notDns += o.notDns;
    fragments += o.fragments;
    fragmentsReassembled += o.fragmentsReassembled;
    fragmentsDropped += o.fragmentsDropped;
    tcpSegments += o.tcpSegments;
    tcpMessages += o.tcpMessages;
    tcpGaps += o.tcpGaps;
    tcpBytesDropped += o.tcpBytesDropped;
    tcpBytesSkipped += o.tcpBytesSkipped;
    tcpRetransmittedSegments += o.tcpRetransmittedSegments;
    tcpFlowsEvicted += o.tcpFlowsEvicted;
    icmpMessages += o.icmpMessages;
    icmpMalformed += o.icmpMalformed;
    icmpQuotingDns += o.icmpQuotingDns;
    icmpRows += o.icmpRows;
    dnsMessages += o.dnsMessages;
    queries += o.queries;
    responses += o.responses;
    malformed += o.malformed;
    rows += o.rows;
    matched += o.matched;
    unanswered += o.unanswered;
    unsolicited += o.unsolicited;
    evicted += o.evicted;
    duplicateQueries += o.duplicateQueries;
    xfrExtraMessages += o.xfrExtraMessages;
    clockResets += o.clockResets;
    pendingQueries += o.pendingQueries;
  }

  /** The {@code summary:} line of the decode command: stable keys, space separated. */
  public String summaryLine() {
    return "summary:"
        + " packets="
        + packets
        + " dns_messages="
        + dnsMessages
        + " queries="
        + queries
        + " responses="
        + responses
        + " rows="
        + rows
        + " matched="
        + matched
        + " unanswered="
        + unanswered
        + " unsolicited="
        + unsolicited
        + " malformed="
        + malformed
        + " fragments_reassembled="
        + fragmentsReassembled
        + " tcp_messages="
        + tcpMessages
        + " evicted="
        + evicted
        + " xfr_extra_messages="
        + xfrExtraMessages
        + " truncated_frames="
        + truncatedFrames
        + " capture_faults="
        + captureFaults
        + " tcp_gaps="
        + tcpGaps
        + " tcp_bytes_skipped="
        + tcpBytesSkipped
        + " fragments_dropped="
        + fragmentsDropped
        + " files="
        + files
        + " files_failed="
        + filesFailed
        + " bytes="
        + bytesRead
        + " icmp_messages="
        + icmpMessages
        + " icmp_rows="
        + icmpRows
        + " icmp_quoting_dns="
        + icmpQuotingDns
        + " icmp_malformed="
        + icmpMalformed;
  }
}
