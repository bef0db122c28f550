package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PutRecord and PutRecordBatch: checks a call against Firehose's limits, applies the injected
 * faults, buffers the accepted records and answers.
 *
 * <p>Checks, in this order, each failing the whole call with HTTP 400 as the service does:
 *
 * <ol>
 *   <li>the API model's constraints, all reported at once in one {@code ValidationException}: a
 *       stream name, at least one and at most 500 records, each with {@code Data} of at most
 *       1,024,000 bytes (measured on the decoded bytes, "before base64-encoding");
 *   <li>the stream exists ({@code ResourceNotFoundException});
 *   <li>it is a DirectPut stream ({@code InvalidArgumentException});
 *   <li>the records' data adds up to at most 4 MiB ({@code InvalidArgumentException "Records size
 *       exceeds 4 MB limit"}).
 * </ol>
 *
 * <p>The model checks come first because AWS answers a batch over both the count and the size limit
 * with the count's ValidationException; whether the stream lookup comes before the 4 MiB check on
 * AWS is not documented, and here it does. Sources of the error shapes: {@link FirehoseError}.
 */
final class RecordWrites {

  static final int MAX_BATCH_RECORDS = 500;
  static final int MAX_RECORD_BYTES = 1_024_000;
  static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

  private static final int RECORD_ID_BYTES = 96;

  private final DeliveryStreams streams;
  private final FirehoseFaults faults;
  private final FirehoseStats total;
  private final S3Delivery delivery;
  private final Clock clock;

  RecordWrites(
      DeliveryStreams streams,
      FirehoseFaults faults,
      FirehoseStats total,
      S3Delivery delivery,
      Clock clock) {
    this.streams = streams;
    this.faults = faults;
    this.total = total;
    this.delivery = delivery;
    this.clock = clock;
  }

  Reply putRecordBatch(byte[] body) {
    PutRequest request = PutRequest.batch(body);
    boolean[] failed = accept(request, true);
    int failedCount = 0;
    for (boolean f : failed) {
      failedCount += f ? 1 : 0;
    }
    int failures = failedCount;
    return generator -> writeBatchAnswer(generator, failed, failures);
  }

  Reply putRecord(byte[] body) {
    accept(PutRequest.single(body), false);
    return generator -> {
      generator.writeStartObject();
      generator.writeStringField("RecordId", recordId());
      generator.writeBooleanField("Encrypted", false);
      generator.writeEndObject();
    };
  }

  /**
   * Checks, decides and buffers one call; returns which of its records failed. The call counts
   * against the stream it names whenever that stream exists, even when a check that comes before
   * the stream lookup rejects it.
   */
  private boolean[] accept(PutRequest request, boolean batch) {
    sleep();
    DeliveryStream named = streams.find(request.streamName());
    total.call();
    if (named != null) {
      named.stats().call();
    }
    boolean throttled = false;
    try {
      checkModel(request, batch);
      DeliveryStream stream = streams.require(request.streamName());
      checkWritable(stream, request.records());
      boolean[] failed = faults.decide(request.records().size());
      // A PutRecord has no per-entry answer: when its record is picked to fail, the call fails.
      throttled = failed == null || (!batch && failed[0]);
      if (throttled) {
        throw FirehoseError.slowDown();
      }
      buffer(stream, request.records(), failed);
      return failed;
    } catch (FirehoseError e) {
      total.rejected(throttled);
      if (named != null) {
        named.stats().rejected(throttled);
      }
      throw e;
    }
  }

  private void buffer(DeliveryStream stream, List<byte[]> records, boolean[] failed) {
    List<byte[]> accepted = new ArrayList<>(records.size());
    long acceptedBytes = 0;
    long failedBytes = 0;
    for (int i = 0; i < records.size(); i++) {
      byte[] data = records.get(i);
      if (failed[i]) {
        failedBytes += data.length;
      } else {
        accepted.add(data);
        acceptedBytes += data.length;
      }
    }
    int failedCount = records.size() - accepted.size();
    // Buffered before counted: a test that sees its records counted can flush and find them all.
    if (stream.append(accepted, clock.instant(), System.nanoTime())) {
      delivery.signal(stream);
    }
    stream.stats().answered(accepted.size(), acceptedBytes, failedCount, failedBytes);
    total.answered(accepted.size(), acceptedBytes, failedCount, failedBytes);
  }

  private static void checkModel(PutRequest request, boolean batch) {
    List<String> violations = new ArrayList<>();
    ControlPlane.checkName(request.streamName(), violations);
    List<byte[]> records = request.records();
    String path = batch ? "records" : "record";
    if (records == null) {
      violations.add(
          "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    } else {
      if (batch) {
        checkCount(records, violations);
      }
      for (int i = 0; i < records.size(); i++) {
        checkData(
            records.get(i),
            batch ? "records." + (i + 1) + ".member.data" : "record.data",
            violations);
      }
    }
    if (!violations.isEmpty()) {
      throw FirehoseError.validation(violations);
    }
  }

  private static void checkCount(List<byte[]> records, List<String> violations) {
    if (records.isEmpty()) {
      violations.add(
          "Value '[]' at 'records' failed to satisfy constraint: Member must have length greater"
              + " than or equal to 1");
    } else if (records.size() > MAX_BATCH_RECORDS) {
      violations.add(
          "Value '"
              + describeRecords(records)
              + "' at 'records' failed to satisfy constraint: Member must have length less than or"
              + " equal to "
              + MAX_BATCH_RECORDS);
    }
  }

  private static void checkData(byte[] data, String path, List<String> violations) {
    if (data == null) {
      violations.add(
          "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    } else if (data.length > MAX_RECORD_BYTES) {
      violations.add(
          "Value '"
              + describeBuffer(data)
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_RECORD_BYTES);
    }
  }

  private static void checkWritable(DeliveryStream stream, List<byte[]> records) {
    String type = stream.spec().type();
    if (!type.equals(DeliveryStreamSpec.DIRECT_PUT)) {
      throw FirehoseError.invalidArgument(
          "This operation is not permitted on " + type + " delivery stream type.");
    }
    long bytes = 0;
    for (byte[] data : records) {
      bytes += data.length;
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw FirehoseError.invalidArgument("Records size exceeds 4 MB limit");
    }
  }

  /** How the service's Java validator prints the records list in its message. */
  private static String describeRecords(List<byte[]> records) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < records.size(); i++) {
      byte[] data = records.get(i);
      out.append(i == 0 ? "" : ", ")
          .append("Record(data=")
          .append(data == null ? "null" : describeBuffer(data))
          .append(')');
    }
    return out.append(']').toString();
  }

  private static String describeBuffer(byte[] data) {
    return "java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]";
  }

  private static void writeBatchAnswer(JsonGenerator generator, boolean[] failed, int failures)
      throws IOException {
    generator.writeStartObject();
    generator.writeNumberField("FailedPutCount", failures);
    generator.writeBooleanField("Encrypted", false);
    generator.writeArrayFieldStart("RequestResponses");
    for (boolean f : failed) {
      generator.writeStartObject();
      if (f) {
        generator.writeStringField("ErrorCode", "ServiceUnavailableException");
        generator.writeStringField("ErrorMessage", "Slow down.");
      } else {
        generator.writeStringField("RecordId", recordId());
      }
      generator.writeEndObject();
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  /** An opaque id shaped like the service's (base64, 128 characters). */
  private static String recordId() {
    byte[] bytes = new byte[RECORD_ID_BYTES];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private void sleep() {
    long millis = faults.latency().toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while adding latency", e);
      }
    }
  }
}
