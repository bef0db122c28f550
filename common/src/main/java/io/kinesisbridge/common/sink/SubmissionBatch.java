package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a put()'s records into submissions for a {@link DeliveryPipeline}, all or nothing: every
 * record is prepared first, and only when all were is anything reported to the errant record
 * reporter or handed to the pipeline. A preparation that throws mid-batch (a stream not ready yet)
 * thus leaves nothing behind, and when Connect offers the same records again nothing is sent twice.
 * Skipped and rejected records become {@link Submission#skipped} submissions in their place, so a
 * partition's offsets reach the pipeline in order. Used from the task thread only; the counters may
 * be read from any thread.
 *
 * @param <R> the prepared record type
 */
public final class SubmissionBatch<R> {

  private final DeliveryPipeline<R, ?> pipeline;
  private final ErrantRecords errant;
  private volatile long skipped;
  private volatile long reported;

  /**
   * What a sink made of one record: a submission to send or skip, or the reason it cannot be sent.
   *
   * @param <R> the prepared record type
   * @param submission what to hand to the pipeline; {@code null} when rejected
   * @param rejection why the record cannot be sent; {@code null} unless rejected
   */
  public record Prepared<R>(Submission<R> submission, Throwable rejection) {

    /** A record to send. */
    public static <R> Prepared<R> send(Submission<R> submission) {
      return new Prepared<>(Objects.requireNonNull(submission, "submission"), null);
    }

    /** A record completed without sending, such as a null value the sink skips. */
    public static <R> Prepared<R> skip(SinkRecord record) {
      return new Prepared<>(skipOf(record), null);
    }

    /** A record that cannot be sent: reported, then completed so the records after it go on. */
    public static <R> Prepared<R> reject(Throwable reason) {
      return new Prepared<>(null, Objects.requireNonNull(reason, "reason"));
    }
  }

  /** A batch submitting to {@code pipeline} and reporting bad records to {@code errant}. */
  public SubmissionBatch(DeliveryPipeline<R, ?> pipeline, ErrantRecords errant) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.errant = Objects.requireNonNull(errant, "errant");
  }

  /**
   * Prepares every record, then reports the rejected ones and submits the rest in one call. Should
   * {@code prepare} throw, nothing was reported or submitted: Connect offers the records again.
   */
  public void submit(Collection<SinkRecord> records, Function<SinkRecord, Prepared<R>> prepare) {
    List<Submission<R>> submissions = new ArrayList<>(records.size());
    List<SinkRecord> rejected = new ArrayList<>();
    List<Throwable> reasons = new ArrayList<>();
    int skips = 0;
    for (SinkRecord record : records) {
      Prepared<R> prepared = prepare.apply(record);
      if (prepared.rejection() != null) {
        rejected.add(record);
        reasons.add(prepared.rejection());
        submissions.add(skipOf(record));
      } else {
        submissions.add(prepared.submission());
        skips += prepared.submission().isSkipped() ? 1 : 0;
      }
    }
    for (int i = 0; i < rejected.size(); i++) {
      errant.report(rejected.get(i), reasons.get(i));
      reported++;
    }
    pipeline.submitAll(submissions);
    skipped += skips;
  }

  /** How many records were skipped. */
  public long skipped() {
    return skipped;
  }

  /** How many records were reported as bad. */
  public long reported() {
    return reported;
  }

  /** Under the partition Connect read it from, which a topic-renaming SMT does not change. */
  private static <R> Submission<R> skipOf(SinkRecord record) {
    RecordOrigin origin = RecordOrigin.of(record);
    return Submission.skipped(origin.partition(), origin.offset());
  }
}
