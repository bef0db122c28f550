package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A hand-written {@link BatchSender}: records every request, and answers on demand (or at once, in
 * auto mode) with success, chosen per-entry failures, or a failed call.
 */
final class FakeSender<E> implements BatchSender<E> {

  /** One request as the pipeline sent it. */
  record Call<E>(
      String destination, List<E> entries, CompletableFuture<List<EntryOutcome>> future) {

    boolean isOutstanding() {
      return !future.isDone();
    }
  }

  private final List<Call<E>> calls = Collections.synchronizedList(new ArrayList<>());
  private final Semaphore sent = new Semaphore(0);
  private volatile boolean autoSucceed;
  private volatile Consumer<Call<E>> onSend = call -> {};

  @Override
  public CompletableFuture<List<EntryOutcome>> send(String destination, List<E> entries) {
    Call<E> call = new Call<>(destination, List.copyOf(entries), new CompletableFuture<>());
    onSend.accept(call);
    calls.add(call);
    sent.release();
    if (autoSucceed) {
      call.future().complete(successes(entries.size()));
    }
    return call.future();
  }

  /** From now on, every request succeeds as soon as it is sent. */
  FakeSender<E> autoSucceed() {
    autoSucceed = true;
    return this;
  }

  /** Retriable error codes a random answer picks from. */
  static final List<String> RETRIABLE_CODES =
      List.of("ProvisionedThroughputExceededException", "InternalFailure", "ServiceUnavailable");

  /**
   * Answers a random subset of the outstanding calls, in random order: one call in ten fails whole
   * (a reset connection); in the others one entry in {@code failOneIn} fails with a retriable code.
   * {@code leavingFlight} sees each answered call's entries before its answer (the pipeline may
   * send their lanes' next entries inline); {@code acknowledged} sees each entry that succeeded.
   */
  void answerSomeRandomly(
      Random random, int failOneIn, Consumer<List<E>> leavingFlight, Consumer<E> acknowledged) {
    List<Call<E>> open = new ArrayList<>(outstanding());
    Collections.shuffle(open, random);
    for (Call<E> call : open.subList(0, random.nextInt(open.size() + 1))) {
      leavingFlight.accept(call.entries());
      if (random.nextInt(10) == 0) {
        call.future().completeExceptionally(new IOException("connection reset"));
        continue;
      }
      List<EntryOutcome> outcomes = new ArrayList<>();
      for (E entry : call.entries()) {
        if (random.nextInt(failOneIn) == 0) {
          String code = RETRIABLE_CODES.get(random.nextInt(RETRIABLE_CODES.size()));
          outcomes.add(EntryOutcome.failed(code, "injected"));
        } else {
          outcomes.add(EntryOutcome.succeeded());
          acknowledged.accept(entry);
        }
      }
      call.future().complete(outcomes);
    }
  }

  /** Runs {@code check} on every request before it is recorded (for invariants at send time). */
  void onSend(Consumer<Call<E>> check) {
    onSend = check;
  }

  List<Call<E>> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  Call<E> call(int index) {
    return calls.get(index);
  }

  int callCount() {
    return calls.size();
  }

  List<Call<E>> outstanding() {
    return calls().stream().filter(Call::isOutstanding).toList();
  }

  /** All entries ever sent, in send order. */
  List<E> sentEntries() {
    return calls().stream().flatMap(call -> call.entries().stream()).toList();
  }

  void succeed(int index) {
    Call<E> call = call(index);
    call.future().complete(successes(call.entries().size()));
  }

  /** Answers every outstanding request with success, until none is left. */
  void succeedAll() {
    List<Call<E>> open;
    while (!(open = outstanding()).isEmpty()) {
      open.forEach(call -> call.future().complete(successes(call.entries().size())));
    }
  }

  /** Answers request {@code index}: the entries at {@code failing} fail with {@code code}. */
  void failEntries(int index, Set<Integer> failing, String code) {
    Call<E> call = call(index);
    List<EntryOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < call.entries().size(); i++) {
      outcomes.add(
          failing.contains(i)
              ? EntryOutcome.failed(code, "injected " + code)
              : EntryOutcome.succeeded());
    }
    call.future().complete(outcomes);
  }

  void answer(int index, List<EntryOutcome> outcomes) {
    call(index).future().complete(outcomes);
  }

  void failCall(int index, Throwable failure) {
    call(index).future().completeExceptionally(failure);
  }

  /** Waits (real time, for tests with a second thread) until {@code count} requests were sent. */
  boolean awaitCalls(int count, Duration timeout) throws InterruptedException {
    if (!sent.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    sent.release(count);
    return true;
  }

  static List<EntryOutcome> successes(int count) {
    return Collections.nCopies(count, EntryOutcome.succeeded());
  }
}
