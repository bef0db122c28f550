package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one shard from TRIM_HORIZON to what is there now, within the per-shard read budget.
 *
 * <p>The read ends when the shard is closed and fully read (no next iterator), or when a call
 * returns no records while the iterator is at the tip ({@code MillisBehindLatest} 0). An empty
 * answer alone is not the end: Kinesis may return nothing while records lie further on.
 */
final class ShardReader {

  private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
  private static final int MAX_RECORDS_PER_CALL = 10_000;
  // Kinesis allows 5 GetRecords calls per second and shard.
  private static final long CALL_SPACING_NANOS = Duration.ofMillis(200).toNanos();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

  private final KinesisClient kinesis;
  private final String stream;
  private final Instant deadline;

  ShardReader(KinesisClient kinesis, String stream, Instant deadline) {
    this.kinesis = kinesis;
    this.stream = stream;
    this.deadline = deadline;
  }

  /** Every record of {@code shardId} now, in sequence order. */
  List<Record> read(String shardId) {
    List<Record> records = new ArrayList<>();
    String iterator = iterator(shardId, null);
    long lastCall = System.nanoTime() - CALL_SPACING_NANOS;
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      checkDeadline(shardId, records.size());
      pause(Duration.ofNanos(CALL_SPACING_NANOS - (System.nanoTime() - lastCall)));
      lastCall = System.nanoTime();
      String current = iterator;
      GetRecordsResponse response;
      try {
        response = kinesis.getRecords(b -> b.shardIterator(current).limit(MAX_RECORDS_PER_CALL));
      } catch (ProvisionedThroughputExceededException e) {
        LOG.debug("GetRecords on {} throttled; retrying in {}", shardId, backoff);
        pause(backoff);
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        continue;
      } catch (ExpiredIteratorException e) {
        iterator = iterator(shardId, lastSequenceNumber(records));
        continue;
      }
      backoff = FIRST_BACKOFF;
      records.addAll(response.records());
      iterator = response.nextShardIterator();
      if (iterator == null || (response.records().isEmpty() && atTip(response))) {
        return records;
      }
    }
  }

  private String iterator(String shardId, String afterSequenceNumber) {
    return kinesis
        .getShardIterator(
            b -> {
              b.streamName(stream).shardId(shardId);
              if (afterSequenceNumber == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
              } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(afterSequenceNumber);
              }
            })
        .shardIterator();
  }

  private static boolean atTip(GetRecordsResponse response) {
    Long behind = response.millisBehindLatest();
    return behind == null || behind == 0L;
  }

  private static String lastSequenceNumber(List<Record> records) {
    return records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
  }

  private void checkDeadline(String shardId, int read) {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(
          "reading " + stream + "/" + shardId + " timed out after " + read + " records");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void pause(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a Kinesis stream", e);
    }
  }
}
