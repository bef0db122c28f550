package io.kinesisbridge.bench.baseline;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Task of {@link BareSyncPutRecordBatchSinkConnector}: writes each record's value followed by
 * {@code \n} as one Firehose record, chunks the records of each {@code put()} into PutRecordBatch
 * calls of at most 500 records and 4 MiB, and blocks on each call. No retries beyond the SDK's: a
 * record Firehose refuses fails the task. Values must be bytes or strings (the harness uses the
 * ByteArrayConverter).
 */
public final class BareSyncPutRecordBatchSinkTask extends SinkTask {

  private static final int MAX_RECORDS = 500;
  private static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

  private FirehoseClient firehose;
  private String deliveryStream;

  @Override
  public String version() {
    return "bench";
  }

  @Override
  public void start(Map<String, String> props) {
    BaselineConfig config = BaselineConfig.firehose(props);
    deliveryStream = config.deliveryStream();
    firehose = config.configure(FirehoseClient.builder()).build();
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    List<Record> batch = new ArrayList<>(Math.min(records.size(), MAX_RECORDS));
    long batchBytes = 0;
    for (SinkRecord sinkRecord : records) {
      byte[] data = withNewline(bytesOf(sinkRecord.value()));
      if (batch.size() == MAX_RECORDS || batchBytes + data.length > MAX_REQUEST_BYTES) {
        send(batch);
        batch = new ArrayList<>(MAX_RECORDS);
        batchBytes = 0;
      }
      batch.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build());
      batchBytes += data.length;
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
  }

  private static byte[] withNewline(byte[] value) {
    byte[] data = new byte[value.length + 1];
    System.arraycopy(value, 0, data, 0, value.length);
    data[value.length] = '\n';
    return data;
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

  private void send(List<Record> batch) {
    PutRecordBatchResponse response =
        firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(batch));
    Integer failed = response.failedPutCount();
    if (failed != null && failed > 0) {
      throw new ConnectException(
          failed + " of " + batch.size() + " records refused by " + deliveryStream);
    }
  }

  @Override
  public void stop() {
    if (firehose != null) {
      firehose.close();
    }
  }
}
