package org.pcap2hdfs.capture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** How the read window classifies what its stream throws. */
class InputBufferTest {

  /** A stream that fails as the JIT makes a hot implicit exception fail: without a stack trace. */
  private static InputStream failing(RuntimeException e) {
    e.setStackTrace(new StackTraceElement[0]);
    return new InputStream() {
      @Override
      public int read() {
        throw e;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        throw e;
      }
    };
  }

  /**
   * Found by fuzzing in CI mode: bzip2's decoder failing with an ArrayIndexOutOfBoundsException
   * that, once hot, HotSpot throws preallocated and without a stack trace, so where it was thrown
   * could not tell it was the decompressor's.
   */
  @Test
  void aRuntimeExceptionOfADecompressorIsAFaultEvenWithoutStackTrace() {
    InputBuffer in = new InputBuffer(failing(new ArrayIndexOutOfBoundsException()), 64, true);
    assertThatThrownBy(() -> in.ensure(4))
        .isInstanceOf(CaptureFaultException.class)
        .hasMessageContaining("corrupt compressed stream")
        .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
  }

  /** Over a plain file there is no decompressor to blame: the exception is a bug and propagates. */
  @Test
  void aRuntimeExceptionOfAPlainStreamPropagates() {
    InputBuffer in = new InputBuffer(failing(new IllegalStateException("bug")), 64, false);
    assertThatThrownBy(() -> in.ensure(4)).isInstanceOf(IllegalStateException.class);
  }
}
