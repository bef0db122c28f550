package io.kinesisbridge.common.sink;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The records of one lane that wait to be sent, in order, plus the lane's state. Guarded by the
 * pipeline's lock.
 */
final class Lane<R> {
  final Object key;
  final Destination<R> destination;
  final PendingQueue<R> queue = new PendingQueue<>();
  long queuedBytes;

  /** Records of the lane anywhere in the pipeline: queued, in flight or waiting for a retry. */
  int outstanding;

  /** Whether the lane is in its destination's ready queue. */
  boolean ready;

  /**
   * Ordered mode: an entry of the lane is in flight or waits for its retry, so nothing else of the
   * lane may be sent.
   */
  boolean gated;

  Lane(Object key, Destination<R> destination) {
    this.key = key;
    this.destination = destination;
  }

  /**
   * A growable ring of records with O(1) access by position, so a {@link Packer} can read a lane's
   * run through a view without copying it, and failed records can go back to the front.
   */
  static final class PendingQueue<R> {

    private static final int INITIAL_CAPACITY = 8;
    private static final int SHRINK_ABOVE = 1024;

    private Object[] items = new Object[INITIAL_CAPACITY];
    private int head;
    private int size;
    private final List<R> payloads = new PayloadView();

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Pending<R> get(int position) {
      return at((head + position) & (items.length - 1));
    }

    Pending<R> peekFirst() {
      return size == 0 ? null : at(head);
    }

    void addLast(Pending<R> record) {
      grow(1);
      items[(head + size) & (items.length - 1)] = record;
      size++;
    }

    /** Puts {@code records} in front, keeping their order: {@code records.get(0)} becomes first. */
    void addAllFirst(List<Pending<R>> records) {
      grow(records.size());
      for (int i = records.size() - 1; i >= 0; i--) {
        head = (head - 1) & (items.length - 1);
        items[head] = records.get(i);
      }
      size += records.size();
    }

    Pending<R> pollFirst() {
      Pending<R> first = at(head);
      items[head] = null;
      head = (head + 1) & (items.length - 1);
      size--;
      if (size == 0 && items.length > SHRINK_ABOVE) {
        items = new Object[INITIAL_CAPACITY];
        head = 0;
      }
      return first;
    }

    /** Removes the records matching {@code filter}, keeping the order of the rest. */
    void removeIf(Predicate<? super Pending<R>> filter, Consumer<? super Pending<R>> removed) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        Pending<R> record = get(i);
        if (filter.test(record)) {
          removed.accept(record);
        } else {
          items[(head + kept) & (items.length - 1)] = record;
          kept++;
        }
      }
      for (int i = kept; i < size; i++) {
        items[(head + i) & (items.length - 1)] = null;
      }
      size = kept;
    }

    void forEach(Consumer<? super Pending<R>> action) {
      for (int i = 0; i < size; i++) {
        action.accept(get(i));
      }
    }

    /** A live view of the payloads, front first. */
    List<R> payloads() {
      return payloads;
    }

    private void grow(int extra) {
      if (size + extra <= items.length) {
        return;
      }
      int capacity = items.length;
      while (capacity < size + extra) {
        capacity *= 2;
      }
      Object[] grown = new Object[capacity];
      for (int i = 0; i < size; i++) {
        grown[i] = items[(head + i) & (items.length - 1)];
      }
      items = grown;
      head = 0;
    }

    @SuppressWarnings("unchecked")
    private Pending<R> at(int index) {
      return (Pending<R>) items[index];
    }

    /** The payloads of the queue, without copying. */
    private final class PayloadView extends AbstractList<R> implements RandomAccess {
      @Override
      public R get(int index) {
        if (index < 0 || index >= size) {
          throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return PendingQueue.this.get(index).payload;
      }

      @Override
      public int size() {
        return size;
      }
    }
  }
}
