package io.kinesisbridge.common.sink;

import java.util.List;
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
    return new PerRecordPacker<>(toEntry, wireBytes);
  }
}
