package io.kinesisbridge.common.sink;

import java.util.ArrayList;
import java.util.List;

/** One request being sent: its entries and, per entry, the records it covers. */
final class OutgoingRequest<R, E> {
  final Destination<R> destination;
  final List<E> entries;
  final List<Pending<R>> records = new ArrayList<>();
  final long sentNanos;
  private final int[] ends;
  long oldestSubmitNanos = Long.MAX_VALUE;
  long wireBytes;

  OutgoingRequest(Destination<R> destination, int maxEntries, long nowNanos) {
    this.destination = destination;
    this.entries = new ArrayList<>(maxEntries);
    this.ends = new int[maxEntries];
    this.sentNanos = nowNanos;
  }

  void addRecord(Pending<R> record) {
    records.add(record);
    oldestSubmitNanos = Math.min(oldestSubmitNanos, record.submitNanos);
  }

  /** Closes an entry over the records added since the previous one. */
  void endEntry(E entry, long entryWireBytes) {
    ends[entries.size()] = records.size();
    entries.add(entry);
    wireBytes += entryWireBytes;
  }

  int entryCount() {
    return entries.size();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The records of entry {@code index}, a view. */
  List<Pending<R>> recordsOf(int index) {
    return records.subList(index == 0 ? 0 : ends[index - 1], ends[index]);
  }
}
