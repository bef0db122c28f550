package io.kinesisbridge.firehose;

import io.kinesisbridge.firehose.batch.FirehoseLimits;
import io.kinesisbridge.firehose.client.DeliveryStreamInfo;
import io.kinesisbridge.firehose.client.FirehosePort;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A hand-written Firehose for unit tests: one Direct PUT delivery stream that enforces AWS's limits
 * the way AWS does (a whole call over 500 records, 4 MiB or 1,000 KiB per record is rejected and
 * remembered as a violation), stores what it accepts in arrival order, and fails records or whole
 * calls on demand.
 */
final class FakeFirehose implements FirehosePort {

  /** Decides a record's fate: null accepts it, otherwise the error code to answer. */
  interface RecordFault extends BiFunction<Integer, Record, String> {}

  final List<List<Record>> calls = new ArrayList<>();
  final Set<String> streamsWritten = ConcurrentHashMap.newKeySet();
  final List<byte[]> accepted = new ArrayList<>();
  final List<String> violations = new ArrayList<>();
  volatile DeliveryStreamInfo info = new DeliveryStreamInfo("deliveries", "ACTIVE", "DirectPut");
  volatile RecordFault recordFault = (call, record) -> null;
  volatile RuntimeException callFailure;
  volatile RuntimeException describeFailure;

  @Override
  public synchronized CompletableFuture<PutRecordBatchResponse> putRecordBatch(
      String deliveryStream, List<Record> records) {
    calls.add(List.copyOf(records));
    streamsWritten.add(deliveryStream);
    String breach = breach(records);
    if (breach != null) {
      violations.add(breach);
      return CompletableFuture.failedFuture(
          InvalidArgumentException.builder().message(breach).build());
    }
    if (callFailure != null) {
      return CompletableFuture.failedFuture(callFailure);
    }
    List<PutRecordBatchResponseEntry> answers = new ArrayList<>();
    int failed = 0;
    for (Record record : records) {
      String error = recordFault.apply(calls.size(), record);
      if (error != null) {
        failed++;
        answers.add(
            PutRecordBatchResponseEntry.builder()
                .errorCode(error)
                .errorMessage("injected")
                .build());
      } else {
        accepted.add(record.data().asByteArray());
        answers.add(
            PutRecordBatchResponseEntry.builder().recordId("id-" + accepted.size()).build());
      }
    }
    return CompletableFuture.completedFuture(
        PutRecordBatchResponse.builder().failedPutCount(failed).requestResponses(answers).build());
  }

  private static String breach(List<Record> records) {
    if (records.size() > FirehoseLimits.MAX_RECORDS_PER_CALL) {
      return records.size() + " records in one call";
    }
    long bytes = 0;
    for (Record record : records) {
      int size = record.data().asByteArrayUnsafe().length;
      if (size > FirehoseLimits.MAX_RECORD_BYTES) {
        return "a record of " + size + " bytes";
      }
      bytes += size;
    }
    return bytes > FirehoseLimits.MAX_BYTES_PER_CALL ? bytes + " bytes in one call" : null;
  }

  @Override
  public CompletableFuture<DeliveryStreamInfo> describe(String deliveryStream) {
    if (describeFailure != null) {
      return CompletableFuture.failedFuture(describeFailure);
    }
    DeliveryStreamInfo current = info;
    return CompletableFuture.completedFuture(
        new DeliveryStreamInfo(deliveryStream, current.status(), current.type()));
  }

  /** Everything accepted, concatenated: what Firehose would write to S3. */
  synchronized byte[] delivered() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    accepted.forEach(out::writeBytes);
    return out.toByteArray();
  }

  synchronized int acceptedRecords() {
    return accepted.size();
  }

  synchronized List<List<Record>> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {}
}
