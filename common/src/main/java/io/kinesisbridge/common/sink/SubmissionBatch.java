package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Collects a put()'s submissions for a {@link DeliveryPipeline} and handles the records the sink
 * does not send: a skipped record or a bad one (reported to the errant record reporter) first
 * submits what came before it, because a partition's offsets must reach the pipeline in order. Used
 * from the task thread only; the counters may be read from any thread.
 *
 * @param <R> the prepared record type
 */
public final class SubmissionBatch<R> {

  private final DeliveryPipeline<R, ?> pipeline;
  private final ErrantRecords errant;
  private List<Submission<R>> pending = new ArrayList<>();
  private volatile long skipped;
  private volatile long reported;

  /** A batch submitting to {@code pipeline} and reporting bad records to {@code errant}. */
  public SubmissionBatch(DeliveryPipeline<R, ?> pipeline, ErrantRecords errant) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.errant = Objects.requireNonNull(errant, "errant");
  }

  /**
   * Hands each record to {@code prepare}, which calls {@link #add}, {@link #skip} or {@link
   * #reject}, then submits what is left. Should {@code prepare} throw, the submissions not yet
   * handed over are dropped: Connect offers those records again.
   */
  public void submit(Collection<SinkRecord> records, Consumer<SinkRecord> prepare) {
    pending = new ArrayList<>(records.size());
    for (SinkRecord record : records) {
      prepare.accept(record);
    }
    pipeline.submitAll(takePending());
  }

  /** Adds a record to send. */
  public void add(Submission<R> submission) {
    pending.add(submission);
  }

  /** Completes a record without sending it, such as a null value the sink skips. */
  public void skip(SinkRecord record) {
    settle(record);
    skipped++;
  }

  /** Reports a record that cannot be sent and completes it, so the records after it go on. */
  public void reject(SinkRecord record, Throwable reason) {
    errant.report(record, reason);
    reported++;
    settle(record);
  }

  /** How many records {@link #skip} completed. */
  public long skipped() {
    return skipped;
  }

  /** How many records {@link #reject} reported. */
  public long reported() {
    return reported;
  }

  /** Marks an offset done without sending, after submitting what came before it. */
  private void settle(SinkRecord record) {
    if (!pending.isEmpty()) {
      pipeline.submitAll(takePending());
    }
    // Under the partition Connect read it from, which a topic-renaming SMT does not change.
    RecordOrigin origin = RecordOrigin.of(record);
    pipeline.skip(origin.partition(), origin.offset());
  }

  private List<Submission<R>> takePending() {
    List<Submission<R>> taken = pending;
    pending = new ArrayList<>();
    return taken;
  }
}
