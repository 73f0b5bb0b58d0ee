package org.pcap2hdfs.flume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;

/** Test interceptor: appends to {@link #target} when the first batch passes (a growing file). */
public final class TouchingInterceptor implements Interceptor {
  static volatile Path target;

  @Override
  public void initialize() {}

  @Override
  public Event intercept(Event event) {
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    Path t = target;
    if (t != null) {
      target = null;
      try {
        Files.write(t, new byte[] {1, 2, 3, 4}, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  @Override
  public void close() {}

  /** Flume's builder. */
  public static final class Builder implements Interceptor.Builder {
    @Override
    public Interceptor build() {
      return new TouchingInterceptor();
    }

    @Override
    public void configure(Context context) {}
  }
}
