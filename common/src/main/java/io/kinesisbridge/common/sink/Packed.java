package io.kinesisbridge.common.sink;

import java.util.Objects;

/**
 * One wire entry made by a {@link Packer}.
 *
 * @param <E> one wire entry
 * @param entry what goes into one request slot
 * @param recordCount how many records it covers, taken in order from the head of the run (after the
 *     records of the entries before it)
 * @param wireBytes how many bytes it counts towards the request limit
 */
public record Packed<E>(E entry, int recordCount, long wireBytes) {

  /** Checks the fields. */
  public Packed {
    Objects.requireNonNull(entry, "entry");
    if (recordCount < 1) {
      throw new IllegalArgumentException("an entry covers at least one record: " + recordCount);
    }
    if (wireBytes < 0) {
      throw new IllegalArgumentException("wireBytes must not be negative: " + wireBytes);
    }
  }
}
