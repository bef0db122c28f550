package io.kinesisbridge.common.sink;

/**
 * What a {@link Packer} may still put into the request being built.
 *
 * @param maxEntries at most this many entries (at least 1)
 * @param maxBytes at most this many wire bytes in total (at least 1)
 * @param oneEntryOnly at most one entry, because ordering allows a lane only one entry in flight
 */
public record PackBudget(int maxEntries, long maxBytes, boolean oneEntryOnly) {

  /** Checks the fields. */
  public PackBudget {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "an empty budget: " + maxEntries + " entries, " + maxBytes + " bytes");
    }
  }

  /** The number of entries allowed, {@code oneEntryOnly} included. */
  public int entryLimit() {
    return oneEntryOnly ? 1 : maxEntries;
  }
}
