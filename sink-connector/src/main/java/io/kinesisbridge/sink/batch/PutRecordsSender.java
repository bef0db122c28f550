package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.common.sink.BatchSender;
import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.sink.autoscale.StreamWriteMeter;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Sends a request of entries as one PutRecords call and reads the per-entry results. */
public final class PutRecordsSender implements BatchSender<KinesisEntry> {

  private static final String THROTTLED = "ProvisionedThroughputExceededException";

  private final KinesisPort kinesis;
  private final Function<String, StreamRef> streams;
  private final boolean metered;

  /**
   * @param kinesis the port the calls go to
   * @param streams the stream behind a pipeline destination (the stream's name), with its ARN
   * @param metered whether to count what each shard accepted and what was throttled in the stream's
   *     {@link StreamWriteMeter}, which the connector's autoscaler reads
   */
  public PutRecordsSender(
      KinesisPort kinesis, Function<String, StreamRef> streams, boolean metered) {
    this.kinesis = kinesis;
    this.streams = streams;
    this.metered = metered;
  }

  @Override
  public CompletableFuture<List<EntryOutcome>> send(String stream, List<KinesisEntry> entries) {
    List<PutRecordsRequestEntry> request = new ArrayList<>(entries.size());
    for (KinesisEntry entry : entries) {
      request.add(entry.entry());
    }
    return kinesis
        .putRecords(streams.apply(stream), request)
        .thenApply(
            response -> {
              List<EntryOutcome> outcomes = outcomes(response, entries.size());
              if (metered) {
                meter(StreamWriteMeter.of(stream), request, response.records());
              }
              return outcomes;
            });
  }

  private static void meter(
      StreamWriteMeter meter,
      List<PutRecordsRequestEntry> request,
      List<PutRecordsResultEntry> results) {
    for (int i = 0; i < results.size(); i++) {
      PutRecordsResultEntry result = results.get(i);
      if (result.errorCode() == null) {
        PutRecordsRequestEntry entry = request.get(i);
        // Kinesis counts the data and the partition key against a shard's 1 MiB/s.
        meter.accepted(
            result.shardId(),
            entry.data().asByteArrayUnsafe().length + entry.partitionKey().length());
      } else if (THROTTLED.equals(result.errorCode())) {
        meter.throttled();
      }
    }
  }

  private static List<EntryOutcome> outcomes(PutRecordsResponse response, int expected) {
    List<PutRecordsResultEntry> results = response.records();
    if (results.size() != expected) {
      // A response that does not match the request cannot tell which records landed.
      throw new IllegalStateException(
          "PutRecords answered " + results.size() + " results for " + expected + " records");
    }
    List<EntryOutcome> outcomes = new ArrayList<>(expected);
    for (PutRecordsResultEntry result : results) {
      outcomes.add(
          result.errorCode() == null
              ? EntryOutcome.succeededOn(result.shardId())
              : EntryOutcome.failed(result.errorCode(), result.errorMessage()));
    }
    return outcomes;
  }
}
