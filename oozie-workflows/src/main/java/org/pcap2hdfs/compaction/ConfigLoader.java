package org.pcap2hdfs.compaction;

import java.io.File;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Builds the job's Hadoop configuration: the classpath's *-site.xml files, then the Oozie action
 * configuration ({@code oozie.action.conf.xml}, named by the system property of that name or found
 * in the working directory), then each {@code --conf FILE.xml}, then each {@code -D key=value} (or
 * {@code -Dkey=value}). Later sources win. Returns the remaining arguments through {@link #rest()}.
 */
public final class ConfigLoader {
  /** The Oozie launcher's system property and file name of the action configuration. */
  public static final String OOZIE_ACTION_CONF = "oozie.action.conf.xml";

  private final Configuration conf;
  private final List<String> rest = new ArrayList<>();

  private ConfigLoader(Configuration conf) {
    this.conf = conf;
  }

  public static ConfigLoader load(String[] args, File workingDir) {
    ConfigLoader l = new ConfigLoader(new Configuration());
    String named = System.getProperty(OOZIE_ACTION_CONF);
    File action = named != null ? new File(named) : new File(workingDir, OOZIE_ACTION_CONF);
    if (action.isFile()) {
      l.addFile(action);
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--conf") && i + 1 < args.length) {
        File f = new File(args[++i]);
        if (!f.isFile()) {
          throw new IllegalArgumentException("--conf " + f + ": no such file");
        }
        l.addFile(f);
      } else if (a.equals("-D") && i + 1 < args.length) {
        l.set(args[++i]);
      } else if (a.startsWith("-D") && a.length() > 2) {
        l.set(a.substring(2));
      } else {
        l.rest.add(a);
      }
    }
    return l;
  }

  private void addFile(File f) {
    try {
      conf.addResource(f.toURI().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("cannot read " + f, e);
    }
  }

  private void set(String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("-D expects key=value, got " + kv);
    }
    conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
  }

  public Configuration configuration() {
    return conf;
  }

  public List<String> rest() {
    return rest;
  }
}
