package org.pcap2hdfs.flume.live;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Assumptions;

/** What tests on real interfaces need: root and libpcap; skipped without, failed under CI=true. */
public final class CaptureHost {
  private CaptureHost() {}

  /** Aborts (or, with CI=true, fails) the test when capturing is impossible or {@code missing}. */
  public static void require(String missing) {
    String why = new UnixSystem().getUid() != 0 ? "capturing needs root" : missing;
    if (why == null) {
      try {
        LibPcap.pcap_statustostr(0);
      } catch (LinkageError e) {
        why = "libpcap cannot be loaded: " + e.getMessage();
      }
    }
    if (why == null) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: .ci/run installs what is missing, runs as root)");
    }
    Assumptions.abort(why);
  }
}
