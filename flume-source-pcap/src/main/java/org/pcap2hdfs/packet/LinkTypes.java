package org.pcap2hdfs.packet;

/** The link types the decoder understands (LINKTYPE_* numbers of tcpdump.org). */
public final class LinkTypes {
  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  public static final int RAW_12 = 12;
  public static final int RAW_14 = 14;
  public static final int RAW = 101;
  public static final int LOOP = 108;
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;

  private LinkTypes() {}
}
