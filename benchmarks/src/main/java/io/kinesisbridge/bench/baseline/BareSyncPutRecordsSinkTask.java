package io.kinesisbridge.bench.baseline;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Task of {@link BareSyncPutRecordsSinkConnector}: chunks the records of each {@code put()} into
 * PutRecords calls of at most 500 entries and 5 MiB, and blocks on each call. Failed entries are
 * sent again after a backoff (50 ms, doubling up to 1 s, for about half a minute) so a benchmark
 * against a throttling stub, or one enforcing shard limits, still delivers everything. Values must
 * be bytes or strings (the harness uses the ByteArrayConverter).
 */
public final class BareSyncPutRecordsSinkTask extends SinkTask {

  private static final int MAX_ENTRIES = 500;
  private static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;
  private static final int MAX_ATTEMPTS = 30;
  private static final long FIRST_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 1_000;

  private KinesisClient kinesis;
  private String stream;

  @Override
  public String version() {
    return "bench";
  }

  @Override
  public void start(Map<String, String> props) {
    BaselineConfig config = new BaselineConfig(props);
    stream = config.streamName();
    kinesis = config.configure(KinesisClient.builder()).build();
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>(Math.min(records.size(), MAX_ENTRIES));
    long batchBytes = 0;
    for (SinkRecord record : records) {
      PutRecordsRequestEntry entry = entryOf(record);
      long size = entry.data().asByteArrayUnsafe().length + entry.partitionKey().length();
      if (batch.size() == MAX_ENTRIES || batchBytes + size > MAX_REQUEST_BYTES) {
        send(batch);
        batch = new ArrayList<>(MAX_ENTRIES);
        batchBytes = 0;
      }
      batch.add(entry);
      batchBytes += size;
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
  }

  private static PutRecordsRequestEntry entryOf(SinkRecord record) {
    Object key = record.key();
    String partitionKey = key == null || key.toString().isEmpty() ? "k" : key.toString();
    return PutRecordsRequestEntry.builder()
        .partitionKey(partitionKey)
        .data(SdkBytes.fromByteArrayUnsafe(bytesOf(record.value())))
        .build();
  }

  private static byte[] bytesOf(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    throw new ConnectException(
        "the baseline sink takes bytes or strings, got "
            + (value == null ? "null" : value.getClass().getName()));
  }

  /** Sends {@code entries}, then again only those that failed, until none is left. */
  private void send(List<PutRecordsRequestEntry> entries) {
    List<PutRecordsRequestEntry> pending = entries;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new ConnectException(
            pending.size() + " records still failing after " + MAX_ATTEMPTS + " attempts");
      }
      if (attempt > 1) {
        backOff(attempt - 1);
      }
      List<PutRecordsRequestEntry> sent = pending;
      PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(sent));
      pending = failedOf(sent, response);
    }
  }

  private static void backOff(int retry) {
    long millis = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retry - 1, 10));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while backing off", e);
    }
  }

  private static List<PutRecordsRequestEntry> failedOf(
      List<PutRecordsRequestEntry> sent, PutRecordsResponse response) {
    if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
      return List.of();
    }
    List<PutRecordsRequestEntry> failed = new ArrayList<>(response.failedRecordCount());
    List<PutRecordsResultEntry> results = response.records();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).errorCode() != null) {
        failed.add(sent.get(i));
      }
    }
    return failed;
  }

  @Override
  public void stop() {
    if (kinesis != null) {
      kinesis.close();
    }
  }
}
