package io.kinesisbridge.common.convert;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable, unsynchronised byte sink, kept per thread so that converting a record allocates only
 * the result array. {@link java.io.ByteArrayOutputStream} would do, but synchronises every write.
 */
final class OutputBuffer extends OutputStream {

  private static final int INITIAL_CAPACITY = 512;

  // A thread that once wrote a huge value should not hold on to its buffer forever.
  private static final int MAX_RETAINED_CAPACITY = 64 * 1024;

  // Some JVMs reserve header words in an array; larger requests fail.
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private static final ThreadLocal<OutputBuffer> PER_THREAD =
      ThreadLocal.withInitial(OutputBuffer::new);

  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int count;
  private boolean inUse;

  private OutputBuffer() {}

  /**
   * This thread's buffer, or a fresh one when it is already in use: writing a structured map key
   * converts the key to JSON while the enclosing value is still being written.
   */
  static OutputBuffer acquire() {
    OutputBuffer buffer = PER_THREAD.get();
    if (buffer.inUse) {
      return new OutputBuffer();
    }
    buffer.inUse = true;
    return buffer;
  }

  /** Empties the buffer and hands it back to its thread. */
  void release() {
    count = 0;
    inUse = false;
    if (bytes.length > MAX_RETAINED_CAPACITY) {
      bytes = new byte[INITIAL_CAPACITY];
    }
  }

  @Override
  public void write(int b) {
    ensureCapacity(count + 1);
    bytes[count++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensureCapacity(count + length);
    System.arraycopy(source, offset, bytes, count, length);
    count += length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, count);
  }

  String toUtf8String() {
    return new String(bytes, 0, count, StandardCharsets.UTF_8);
  }

  private void ensureCapacity(int needed) {
    // needed < 0 means the int sum overflowed.
    if (needed < 0 || needed > MAX_CAPACITY) {
      throw new DataConversionException("the JSON form of the value is larger than 2 GiB");
    }
    if (needed > bytes.length) {
      long grown = Math.max((long) needed, bytes.length * 2L);
      bytes = Arrays.copyOf(bytes, (int) Math.min(grown, MAX_CAPACITY));
    }
  }
}
