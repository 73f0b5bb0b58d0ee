package org.pcap2hdfs.cli.bench;

import java.io.IOException;
import java.util.List;
import org.pcap2hdfs.capture.CaptureReader;
import org.pcap2hdfs.capture.Frame;

/**
 * The in-memory captures, in order, read {@code loops} times as one continuous stream: loop {@code
 * k} has its timestamps shifted by {@code k * (span + GAP)}, where span is the time from the first
 * frame of the first capture to the last frame of the last one. The gap is longer than every
 * capture-time timeout of the decoder (join, TCP idle, fragments), so what one loop leaves pending
 * expires by capture time at the start of the next, exactly as in a real stream with a quiet
 * period; a loop's queries never meet the previous loop's responses.
 */
public final class LoopedCapture implements CaptureReader {
  /** Ten minutes: more than the join timeout, the TCP idle timeout and the fragment timeout. */
  public static final long GAP_MICROS = 600_000_000L;

  private final List<InMemoryCapture> captures;
  private final int loops;
  private final long shiftPerLoop;
  private int loop;
  private int file = -1;
  private CaptureReader current;
  private long positionBefore;

  public LoopedCapture(List<InMemoryCapture> captures, int loops) {
    if (captures.isEmpty() || loops < 1) {
      throw new IllegalArgumentException("need at least one capture and one loop");
    }
    this.captures = captures;
    this.loops = loops;
    long first = captures.get(0).firstTimestampMicros();
    long last = captures.get(captures.size() - 1).lastTimestampMicros();
    this.shiftPerLoop = Math.max(0, last - first) + GAP_MICROS;
  }

  /** Frames one full read delivers. */
  public static long frames(List<InMemoryCapture> captures, int loops) {
    long n = 0;
    for (InMemoryCapture c : captures) {
      n += c.frames();
    }
    return n * loops;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    while (true) {
      if (current == null && !advance()) {
        return false;
      }
      if (current.next(frame)) {
        frame.timestampMicros += loop * shiftPerLoop;
        return true;
      }
      positionBefore += current.position();
      current.close();
      current = null;
    }
  }

  private boolean advance() throws IOException {
    if (loop >= loops) {
      return false;
    }
    file++;
    if (file == captures.size()) {
      file = 0;
      loop++;
    }
    if (loop >= loops) {
      return false;
    }
    current = captures.get(file).open();
    return true;
  }

  @Override
  public long position() {
    return positionBefore + (current == null ? 0 : current.position());
  }

  @Override
  public String format() {
    return current == null ? "looped" : current.format();
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
