package org.pcap2hdfs.decode;

import static org.pcap2hdfs.row.Fields.*;

import org.pcap2hdfs.dns.DnsMessage;
import org.pcap2hdfs.privacy.ClientAddresses;
import org.pcap2hdfs.row.Row;
import org.pcap2hdfs.row.Text;

/**
 * Fills the EDNS option columns from the raw OPT data of the query (what the client asked for) and
 * of the response (NSID, extended errors). Options are read defensively: a malformed option ends
 * the walk, it never drops the message (dnsjava's full parser rejects real-world client subnets
 * whose address has bits beyond the prefix; this reader takes them as they are).
 */
final class EdnsColumns {
  static final int NSID = 3;
  static final int DAU = 5;
  static final int DHU = 6;
  static final int N3U = 7;
  static final int CLIENT_SUBNET = 8;
  static final int COOKIE = 10;
  static final int PADDING = 12;
  static final int KEY_TAG = 14;
  static final int EXTENDED_ERROR = 15;

  private final byte[] address = new byte[16];
  private final ClientAddresses privacy;

  /** The last client subnet read, for {@link #maskClientSubnet}. */
  private int subnetLength;

  private int subnetPrefix;

  EdnsColumns() {
    this(null);
  }

  /**
   * @param privacy masks the client-subnet address as it is read; null keeps it
   */
  EdnsColumns(ClientAddresses privacy) {
    this.privacy = privacy;
  }

  /** The query side: udp size, version, DO and the options a client sends. */
  void query(Row row, DnsMessage m) {
    subnetLength = 0;
    if (!m.hasOpt) {
      return;
    }
    row.setInt(EDNS_UDP, m.ednsUdpSize);
    row.setInt(EDNS_VERSION, m.ednsVersion);
    row.setBoolean(EDNS_DO, m.ednsDo);
    byte[] b = m.optData;
    int end = m.optLength;
    Text options = row.text(EDNS_OPTIONS);
    for (int p = 0; p + 4 <= end; ) {
      int code = u16(b, p);
      int len = u16(b, p + 2);
      int data = p + 4;
      if (data + len > end) {
        break;
      }
      if (options.length() > 0) {
        options.append(',');
      }
      options.appendDecimal(code);
      switch (code) {
        case DAU:
          byteList(row.text(EDNS_DNSSEC_DAU), b, data, len);
          break;
        case DHU:
          byteList(row.text(EDNS_DNSSEC_DHU), b, data, len);
          break;
        case N3U:
          byteList(row.text(EDNS_DNSSEC_N3U), b, data, len);
          break;
        case CLIENT_SUBNET:
          if (!clientSubnet(row.text(EDNS_CLIENT_SUBNET), b, data, len)) {
            row.setNull(EDNS_CLIENT_SUBNET);
            other(row, code);
          }
          break;
        case COOKIE:
          row.setBoolean(EDNS_COOKIE, true);
          other(row, code);
          break;
        case PADDING:
          row.setInt(EDNS_PADDING, len);
          break;
        case KEY_TAG:
          row.setInt(EDNS_KEYTAG_COUNT, len / 2);
          Text tags = row.text(EDNS_KEYTAG_LIST);
          for (int i = 0; i + 1 < len; i += 2) {
            if (i > 0) {
              tags.append(',');
            }
            tags.appendDecimal(u16(b, data + i));
          }
          if (len < 2) {
            row.setNull(EDNS_KEYTAG_LIST);
          }
          break;
        default:
          other(row, code);
      }
      p = data + len;
    }
    if (options.length() == 0) {
      row.setNull(EDNS_OPTIONS);
    }
    if (row.isNull(EDNS_COOKIE)) {
      row.setBoolean(EDNS_COOKIE, false);
    }
  }

  /** The response side: NSID, extended DNS errors, the server's UDP size. */
  void response(Row row, DnsMessage m) {
    if (!m.hasOpt) {
      return;
    }
    row.setInt(RES_EDNS_UDP, m.ednsUdpSize);
    byte[] b = m.optData;
    int end = m.optLength;
    for (int p = 0; p + 4 <= end; ) {
      int code = u16(b, p);
      int len = u16(b, p + 2);
      int data = p + 4;
      if (data + len > end) {
        break;
      }
      if (code == NSID) {
        Text nsid = row.text(EDNS_NSID);
        if (printable(b, data, len)) {
          nsid.append(b, data, len);
        } else {
          nsid.appendHexBytes(b, data, len);
        }
      } else if (code == EXTENDED_ERROR && len >= 2) {
        Text ede = row.isNull(EDNS_EDE) ? row.text(EDNS_EDE) : row.getText(EDNS_EDE).append(',');
        ede.appendDecimal(u16(b, data));
      }
      p = data + len;
    }
  }

  private static void other(Row row, int code) {
    Text t = row.isNull(EDNS_OTHER) ? row.text(EDNS_OTHER) : row.getText(EDNS_OTHER).append(',');
    t.appendDecimal(code);
  }

  private static void byteList(Text t, byte[] b, int p, int len) {
    for (int i = 0; i < len; i++) {
      if (i > 0) {
        t.append(',');
      }
      t.appendDecimal(b[p + i] & 0xFF);
    }
  }

  /** RFC 7871: family, source prefix, scope prefix, then the address truncated to the prefix. */
  private boolean clientSubnet(Text t, byte[] b, int p, int len) {
    if (len < 4) {
      return false;
    }
    int family = u16(b, p);
    int sourcePrefix = b[p + 2] & 0xFF;
    int addressLength = family == 1 ? 4 : family == 2 ? 16 : -1;
    int present = len - 4;
    if (addressLength < 0 || present > addressLength) {
      return false;
    }
    java.util.Arrays.fill(address, (byte) 0);
    System.arraycopy(b, p + 4, address, 0, present);
    if (privacy != null) {
      privacy.subnet(address, addressLength, sourcePrefix);
    }
    AddressText.append(t, address, addressLength);
    t.append('/').appendDecimal(sourcePrefix);
    subnetLength = addressLength;
    subnetPrefix = sourcePrefix;
    return true;
  }

  /**
   * Writes the client-subnet column of the last {@link #query} again, its address masked (after an
   * enrichment that needed it whole).
   */
  void maskClientSubnet(Row row, ClientAddresses masker) {
    if (subnetLength == 0 || row.isNull(EDNS_CLIENT_SUBNET)) {
      return;
    }
    masker.subnet(address, subnetLength, subnetPrefix);
    Text t = row.text(EDNS_CLIENT_SUBNET);
    AddressText.append(t, address, subnetLength);
    t.append('/').appendDecimal(subnetPrefix);
  }

  private static boolean printable(byte[] b, int p, int len) {
    for (int i = p; i < p + len; i++) {
      if (b[i] < 0x20 || b[i] > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
  }
}
