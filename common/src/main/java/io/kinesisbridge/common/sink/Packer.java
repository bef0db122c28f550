package io.kinesisbridge.common.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Turns a run of records of one lane into wire entries: one record per entry, or many records per
 * entry for KPL aggregation and Firehose record packing.
 *
 * @param <R> the sink's record
 * @param <E> one wire entry
 */
public interface Packer<R, E> {

  /**
   * Packs records from the head of {@code run}, in order, within {@code budget}.
   *
   * <p>It may take fewer records than offered (for example to stop at an entry size limit), and
   * returns an empty list when not even the first record fits in the budget. {@code run} is a live
   * view of the lane, valid only during the call: read it from the front and stop early, since it
   * can be long. Called under the pipeline's lock; never call back into the pipeline.
   *
   * @return the entries, each covering the next {@link Packed#recordCount()} records of the run; at
   *     most {@link PackBudget#entryLimit()} entries of at most {@link PackBudget#maxBytes()} bytes
   *     in total
   */
  List<Packed<E>> pack(List<R> run, PackBudget budget);

  /**
   * Whether every entry holds exactly one record. Lets the pipeline see that a request is full by
   * counting records; packers that aggregate answer {@code false} and requests fill by bytes or
   * linger.
   */
  default boolean packsOneRecordPerEntry() {
    return false;
  }

  /**
   * A packer that makes one entry of each record.
   *
   * @param toEntry builds the wire entry of a record
   * @param wireBytes how many bytes the entry counts towards the request limit
   */
  static <R, E> Packer<R, E> perRecord(
      Function<? super R, ? extends E> toEntry, ToLongFunction<? super R> wireBytes) {
    Objects.requireNonNull(toEntry, "toEntry");
    Objects.requireNonNull(wireBytes, "wireBytes");
    return new Packer<>() {
      @Override
      public List<Packed<E>> pack(List<R> run, PackBudget budget) {
        int limit = Math.min(run.size(), budget.entryLimit());
        List<Packed<E>> packed = new ArrayList<>(limit);
        long bytesLeft = budget.maxBytes();
        for (int i = 0; i < limit; i++) {
          R record = run.get(i);
          long size = wireBytes.applyAsLong(record);
          if (size > bytesLeft) {
            break;
          }
          packed.add(new Packed<>(toEntry.apply(record), 1, size));
          bytesLeft -= size;
        }
        return packed;
      }

      @Override
      public boolean packsOneRecordPerEntry() {
        return true;
      }
    };
  }

  /**
   * One wire entry made by a {@link Packer}.
   *
   * @param <E> one wire entry
   * @param entry what goes into one request slot
   * @param recordCount how many records it covers, taken in order from the head of the run (after
   *     the records of the entries before it)
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
}
