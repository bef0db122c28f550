package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * PutRecords and PutRecord: checks the request against the service's limits, routes every record to
 * its shard by explicit hash key or MD5 of its partition key, answers with sequence numbers (or,
 * per entry, with {@code ProvisionedThroughputExceededException} when throttling is injected or the
 * shard is over its write limit, see {@link ShardWriteLimits}) and counts what arrived, per stream
 * and per shard. Nothing is stored.
 *
 * <p>Limit breaches reject the whole call, as AWS does: more than 500 entries or none, a partition
 * key outside 1-256 characters, an explicit hash key that is not a decimal within 0..2^128-1, a
 * record (data plus partition key) over the stream's max record size, or a request over its max
 * size (5 MiB by default).
 */
final class PutRecordsOperation {

  static final int MAX_RECORDS = 500;
  static final int MAX_PARTITION_KEY_CHARS = 256;

  /** Where a PutRecords entry sits, as the service names it in messages; %d counts from 1. */
  private static final String RECORDS_PATH = "records.%d.member.";

  // The PutRecords API's own pattern for ExplicitHashKey.
  private static final Pattern EXPLICIT_HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");

  private final StubStreams streams;
  private final StubStats total;
  private final long maxRequestBytes;
  private final boolean checkAggregates;
  private final DoubleSupplier throttledShare;
  private final BooleanSupplier shardLimits;

  /**
   * @param throttledShare share of entries to fail with throttling at random, read per call
   * @param shardLimits whether each shard's write limits are enforced, read per call
   */
  PutRecordsOperation(
      StubStreams streams,
      StubStats total,
      long maxRequestBytes,
      boolean checkAggregates,
      DoubleSupplier throttledShare,
      BooleanSupplier shardLimits) {
    this.streams = streams;
    this.total = total;
    this.maxRequestBytes = maxRequestBytes;
    this.checkAggregates = checkAggregates;
    this.throttledShare = throttledShare;
    this.shardLimits = shardLimits;
  }

  /** What one accepted or throttled entry gets: its shard and sequence number, or a failure. */
  private record Outcome(int shard, String sequenceNumber) {}

  Reply putRecords(RequestBody request) {
    return charged(request, () -> acceptRecords(request));
  }

  Reply putRecord(RequestBody request) {
    return charged(request, () -> acceptRecord(request));
  }

  /**
   * Runs {@code call}, counting it and any rejection against the stream it names when that stream
   * exists, even if the call fails on a check that comes before the stream in the service's order.
   */
  private Reply charged(RequestBody request, Supplier<Reply> call) {
    StubStream named = request.streamName() == null ? null : streams.find(request.streamName());
    if (named != null) {
      named.stats().putRecordsCall();
    }
    try {
      return call.get();
    } catch (KinesisError e) {
      if (named != null) {
        named.stats().rejected();
      }
      throw e;
    }
  }

  private Reply acceptRecords(RequestBody request) {
    List<RequestBody.Entry> entries = request.records();
    checkCount(entries);
    BigInteger[] explicit = new BigInteger[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      explicit[i] = checkEntry(entries.get(i), RECORDS_PATH, i + 1);
    }
    StubStream stream = streams.require(request);
    checkSizes(stream, entries, RECORDS_PATH);
    Outcome[] outcomes = new Outcome[entries.size()];
    int failed = deliver(stream, entries, explicit, outcomes);
    return new Reply(stream, generator -> writePutRecords(generator, stream, outcomes, failed));
  }

  private Reply acceptRecord(RequestBody request) {
    RequestBody.Entry entry =
        new RequestBody.Entry(
            request.field("PartitionKey"), request.field("ExplicitHashKey"), request.data());
    BigInteger[] explicit = {checkEntry(entry, "", 1)};
    StubStream stream = streams.require(request);
    List<RequestBody.Entry> entries = List.of(entry);
    checkSizes(stream, entries, "");
    Outcome[] outcomes = new Outcome[1];
    if (deliver(stream, entries, explicit, outcomes) > 0) {
      throw throttled(stream, outcomes[0].shard());
    }
    Outcome outcome = outcomes[0];
    return new Reply(
        stream,
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("ShardId", stream.shardId(outcome.shard()));
          generator.writeStringField("SequenceNumber", outcome.sequenceNumber());
          generator.writeStringField("EncryptionType", "NONE");
          generator.writeEndObject();
        });
  }

  /**
   * Routes and counts the entries; returns how many failed with throttling, injected at random or
   * over their shard's write limit (checked in request order, as Kinesis does per entry).
   */
  private int deliver(
      StubStream stream, List<RequestBody.Entry> entries, BigInteger[] explicit, Outcome[] out) {
    double share = throttledShare.getAsDouble();
    boolean limited = shardLimits.getAsBoolean();
    ShardCounters perShard = stream.shardCounters();
    int accepted = 0;
    long userRecords = 0;
    long bytes = 0;
    long misrouted = 0;
    for (int i = 0; i < entries.size(); i++) {
      RequestBody.Entry entry = entries.get(i);
      int shard = stream.shardOf(entry.partitionKey(), explicit[i]);
      if ((share > 0 && ThreadLocalRandom.current().nextDouble() < share)
          || (limited && !stream.writeLimits().tryWrite(shard, recordBytes(entry)))) {
        out[i] = new Outcome(shard, null);
        perShard.throttled(shard);
        continue;
      }
      out[i] = new Outcome(shard, stream.nextSequenceNumber(shard));
      accepted++;
      long entryUserRecords = KplRecords.userRecordCount(entry.data());
      perShard.accepted(shard, entryUserRecords, recordBytes(entry));
      userRecords += entryUserRecords;
      bytes += entry.data().length;
      if (checkAggregates) {
        misrouted += KplRecords.misrouted(stream, shard, entry.partitionKey(), entry.data());
      }
    }
    int failed = entries.size() - accepted;
    for (StubStats stats : List.of(stream.stats(), total)) {
      stats.accepted(accepted, userRecords, bytes);
      stats.failed(failed);
      stats.misrouted(misrouted);
    }
    return failed;
  }

  private static void writePutRecords(
      JsonGenerator generator, StubStream stream, Outcome[] outcomes, int failed)
      throws IOException {
    generator.writeStartObject();
    generator.writeNumberField("FailedRecordCount", failed);
    generator.writeArrayFieldStart("Records");
    for (Outcome outcome : outcomes) {
      generator.writeStartObject();
      if (outcome.sequenceNumber() == null) {
        generator.writeStringField("ErrorCode", "ProvisionedThroughputExceededException");
        generator.writeStringField("ErrorMessage", rateExceeded(stream, outcome.shard()));
      } else {
        generator.writeStringField("SequenceNumber", outcome.sequenceNumber());
        generator.writeStringField("ShardId", stream.shardId(outcome.shard()));
      }
      generator.writeEndObject();
    }
    generator.writeEndArray();
    generator.writeStringField("EncryptionType", "NONE");
    generator.writeEndObject();
  }

  private static void checkCount(List<RequestBody.Entry> entries) {
    if (entries == null) {
      throw KinesisError.validation(
          "Value null at 'records' failed to satisfy constraint: Member must not be null");
    }
    if (entries.isEmpty()) {
      throw KinesisError.validation(
          "Value '[]' at 'records' failed to satisfy constraint: Member must have length greater"
              + " than or equal to 1");
    }
    if (entries.size() > MAX_RECORDS) {
      throw KinesisError.validation(
          "Value at 'records' failed to satisfy constraint: Member must have length less than or"
              + " equal to "
              + MAX_RECORDS);
    }
  }

  /**
   * Checks what needs no stream; returns the explicit hash key as a number, or null.
   *
   * @param pathFormat where the entry sits in the request, for messages; {@code %d} is its number
   */
  private static BigInteger checkEntry(RequestBody.Entry entry, String pathFormat, int number) {
    if (entry.data() == null) {
      throw KinesisError.validation(
          "Value null at '"
              + String.format(pathFormat, number)
              + "data' failed to satisfy constraint: Member must not be null");
    }
    String key = entry.partitionKey();
    if (key == null) {
      throw KinesisError.validation(
          "Value null at '"
              + String.format(pathFormat, number)
              + "partitionKey' failed to satisfy constraint: Member must not be null");
    }
    int chars =
        key.length() <= MAX_PARTITION_KEY_CHARS
            ? key.length()
            : key.codePointCount(0, key.length());
    if (chars < 1 || chars > MAX_PARTITION_KEY_CHARS) {
      throw KinesisError.validation(
          "Value '"
              + key
              + "' at '"
              + String.format(pathFormat, number)
              + "partitionKey' failed to satisfy constraint: Member must have length "
              + (chars < 1 ? "greater than or equal to 1" : "less than or equal to 256"));
    }
    String ehk = entry.explicitHashKey();
    if (ehk == null) {
      return null;
    }
    if (!EXPLICIT_HASH_KEY.matcher(ehk).matches()) {
      throw KinesisError.validation(
          "Value '"
              + ehk
              + "' at '"
              + String.format(pathFormat, number)
              + "explicitHashKey' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: 0|([1-9]\\d{0,38})");
    }
    BigInteger value = new BigInteger(ehk);
    if (value.compareTo(HashKeyRanges.MAX_HASH_KEY) > 0) {
      throw KinesisError.invalidArgument(
          "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified"
              + " value was "
              + ehk);
    }
    return value;
  }

  /**
   * The record and request size limits, which depend on the stream.
   *
   * @param pathFormat where an entry sits in the request, for messages; {@code %d} is its number
   */
  private void checkSizes(StubStream stream, List<RequestBody.Entry> entries, String pathFormat) {
    int max = stream.maxRecordBytes();
    long requestBytes = 0;
    for (int i = 0; i < entries.size(); i++) {
      RequestBody.Entry entry = entries.get(i);
      int dataBytes = entry.data().length;
      if (dataBytes > max) {
        throw KinesisError.validation(
            "Value at '"
                + String.format(pathFormat, i + 1)
                + "data' failed to satisfy constraint: Member must have length less than or equal"
                + " to "
                + max);
      }
      long recordBytes = (long) dataBytes + utf8Length(entry.partitionKey());
      if (recordBytes > max) {
        throw KinesisError.invalidArgument(
            "Record size of "
                + recordBytes
                + " bytes (data and partition key) exceeds the maximum record size of "
                + max
                + " bytes of stream "
                + stream.name());
      }
      requestBytes += recordBytes;
    }
    if (requestBytes > maxRequestBytes) {
      throw KinesisError.invalidArgument("Records size exceeds 5 MB limit");
    }
  }

  private static KinesisError throttled(StubStream stream, int shard) {
    return new KinesisError("ProvisionedThroughputExceededException", rateExceeded(stream, shard));
  }

  private static String rateExceeded(StubStream stream, int shard) {
    return "Rate exceeded for shard "
        + stream.shardId(shard)
        + " in stream "
        + stream.name()
        + " under account "
        + StubStream.ACCOUNT
        + ".";
  }

  /** What an entry counts against its shard's byte limit: data plus partition key. */
  private static long recordBytes(RequestBody.Entry entry) {
    return (long) entry.data().length + utf8Length(entry.partitionKey());
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
