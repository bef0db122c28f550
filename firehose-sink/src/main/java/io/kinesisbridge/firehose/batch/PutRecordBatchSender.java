package io.kinesisbridge.firehose.batch;

import io.kinesisbridge.common.sink.BatchSender;
import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.firehose.client.FirehosePort;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a request as one PutRecordBatch call and reads the per-record answers: an entry with an
 * {@code ErrorCode} failed (the pipeline resends only those), any other was accepted. A call that
 * fails as a whole ({@code ServiceUnavailableException} included) fails the future and is judged by
 * the shared error classifier. Accepted records are counted by the {@link BillingMeter}.
 */
public final class PutRecordBatchSender implements BatchSender<Record> {

  private final FirehosePort firehose;
  private final BillingMeter meter;

  /**
   * @param firehose the port the calls go through
   * @param meter counts accepted records and their billed size
   */
  public PutRecordBatchSender(FirehosePort firehose, BillingMeter meter) {
    this.firehose = firehose;
    this.meter = meter;
  }

  @Override
  public CompletableFuture<List<EntryOutcome>> send(String deliveryStream, List<Record> entries) {
    return firehose
        .putRecordBatch(deliveryStream, entries)
        .thenApply(response -> outcomes(response, entries));
  }

  private List<EntryOutcome> outcomes(PutRecordBatchResponse response, List<Record> entries) {
    List<PutRecordBatchResponseEntry> answers = response.requestResponses();
    if (answers.size() != entries.size()) {
      // An answer that does not match the request cannot tell which records landed.
      throw new IllegalStateException(
          "PutRecordBatch answered "
              + answers.size()
              + " results for "
              + entries.size()
              + " records");
    }
    List<EntryOutcome> outcomes = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      PutRecordBatchResponseEntry answer = answers.get(i);
      if (answer.errorCode() == null) {
        meter.accepted(entries.get(i).data().asByteArrayUnsafe().length);
        outcomes.add(EntryOutcome.succeeded());
      } else {
        outcomes.add(EntryOutcome.failed(answer.errorCode(), answer.errorMessage()));
      }
    }
    return outcomes;
  }
}
