package io.kinesisbridge.common.sink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which the pipeline sends one request: a PutRecords call for the Kinesis sink, a
 * PutRecordBatch call for the Firehose sink.
 *
 * @param <E> one wire entry, as a {@link Packer} made it
 */
@FunctionalInterface
public interface BatchSender<E> {

  /**
   * Starts one call and returns at once; the task thread must never wait on the network.
   *
   * <p>The future completes with one outcome per entry, in the order of {@code entries}, when the
   * call got an answer (which may report per-entry failures); it completes exceptionally when the
   * whole call failed, and the exception is judged by {@link
   * io.kinesisbridge.common.errors.ErrorClassifier#classify}. Throwing instead of returning a
   * failed future is treated the same way.
   *
   * @param destination the stream or delivery stream every entry goes to
   * @param entries at most the configured number of entries and bytes; the sender must not modify
   *     the list
   */
  CompletableFuture<List<EntryOutcome>> send(String destination, List<E> entries);
}
