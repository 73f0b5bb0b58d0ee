package org.pcap2hdfs.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Public suffix lookups on {@link QName}s without building strings. The rules are the ICANN section
 * of the Public Suffix List shipped inside crawler-commons (its {@code effective_tld_names.dat}),
 * kept in a trie of labels walked from the right. Private-section entries (github.io, blogspot.com,
 * ...) are left out on purpose: a registry counts the domains registered under its suffixes, not
 * the subdomains a hosting company hands out.
 */
public final class PublicSuffixes {
  /** Classpath location of the list inside the crawler-commons jar. */
  static final String RESOURCE = "/effective_tld_names.dat";

  private static final PublicSuffixes DEFAULT = load();

  private final Node root = new Node(new byte[0]);
  private String version = "unknown";

  private static final class Node {
    final byte[] label;
    final int hash;
    Node[] children;
    int size;
    boolean rule;
    boolean exception;
    boolean wildcard;

    Node(byte[] label) {
      this.label = label;
      this.hash = hash(label, 0, label.length);
    }

    Node child(byte[] b, int off, int len, int h) {
      if (children == null) {
        return null;
      }
      int mask = children.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        Node c = children[i];
        if (c == null) {
          return null;
        }
        if (c.hash == h && Arrays.equals(c.label, 0, c.label.length, b, off, off + len)) {
          return c;
        }
      }
    }

    Node add(byte[] l) {
      Node existing = child(l, 0, l.length, hash(l, 0, l.length));
      if (existing != null) {
        return existing;
      }
      if (children == null) {
        children = new Node[4];
      } else if ((size + 1) * 2 > children.length) {
        Node[] old = children;
        children = new Node[old.length * 2];
        size = 0;
        for (Node c : old) {
          if (c != null) {
            insert(c);
          }
        }
      }
      Node n = new Node(l);
      insert(n);
      return n;
    }

    private void insert(Node n) {
      int mask = children.length - 1;
      int i = n.hash & mask;
      while (children[i] != null) {
        i = (i + 1) & mask;
      }
      children[i] = n;
      size++;
    }
  }

  static int hash(byte[] b, int off, int len) {
    int h = 0x811C9DC5;
    for (int i = off; i < off + len; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  public static PublicSuffixes get() {
    return DEFAULT;
  }

  /** The list's VERSION line, e.g. "2025-11-27_13-27-58_UTC". */
  public String version() {
    return version;
  }

  private static PublicSuffixes load() {
    try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Public Suffix List " + RESOURCE + " (crawler-commons) is not on the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PublicSuffixes parse(InputStream in) throws IOException {
    PublicSuffixes p = new PublicSuffixes();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean icann = false;
    for (String line; (line = r.readLine()) != null; ) {
      line = line.trim();
      if (line.startsWith("// VERSION:")) {
        p.version = line.substring("// VERSION:".length()).trim();
      } else if (line.contains("===BEGIN ICANN DOMAINS===")) {
        icann = true;
      } else if (line.contains("===END ICANN DOMAINS===")) {
        icann = false;
      } else if (icann && !line.isEmpty() && !line.startsWith("//")) {
        p.addRule(line.split("\\s")[0]);
      }
    }
    return p;
  }

  private void addRule(String rule) {
    boolean exception = rule.startsWith("!");
    if (exception) {
      rule = rule.substring(1);
    }
    String[] labels = rule.split("\\.");
    Node n = root;
    for (int i = labels.length - 1; i >= 0; i--) {
      String label = labels[i];
      if (label.equals("*") && i == 0) {
        n.wildcard = true;
        return;
      }
      String ascii = label.equals("*") ? label : IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
      n = n.add(ascii.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
    if (exception) {
      n.exception = true;
    } else {
      n.rule = true;
    }
  }

  /**
   * Number of labels of {@code name} that form its public suffix: at least 1 for a non-root name
   * (the list's implicit "*" rule), 0 for the root.
   */
  public int suffixLabels(QName name) {
    int labels = name.labels;
    if (labels == 0) {
      return 0;
    }
    byte[] text = name.text;
    int suffix = 1;
    Node n = root;
    for (int d = 1; d <= labels; d++) {
      int i = labels - d;
      int start = name.labelStarts[i];
      int end = i + 1 < labels ? name.labelStarts[i + 1] - 1 : name.length;
      Node c = n.child(text, start, end - start, hash(text, start, end - start));
      if (c != null && c.exception) {
        return d - 1;
      }
      if (n.wildcard) {
        suffix = Math.max(suffix, d);
      }
      if (c == null) {
        break;
      }
      if (c.rule) {
        suffix = Math.max(suffix, d);
      }
      n = c;
    }
    return suffix;
  }
}
