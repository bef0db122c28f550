package io.kinesisbridge.common.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** {@link Packer#perRecord}: one entry per record. */
final class PerRecordPacker<R, E> implements Packer<R, E> {

  private final Function<? super R, ? extends E> toEntry;
  private final ToLongFunction<? super R> wireBytes;

  PerRecordPacker(Function<? super R, ? extends E> toEntry, ToLongFunction<? super R> wireBytes) {
    this.toEntry = Objects.requireNonNull(toEntry, "toEntry");
    this.wireBytes = Objects.requireNonNull(wireBytes, "wireBytes");
  }

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
}
