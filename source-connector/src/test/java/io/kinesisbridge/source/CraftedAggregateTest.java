package io.kinesisbridge.source;

import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.read.RecordConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An attacker with PutRecord rights writes one crafted aggregate (the KPL magic, a protobuf whose
 * length varint reads as -11, and the correct MD5) between plain records: the task must deliver
 * every record around it and the crafted one as raw bytes, instead of looping inside the decoder.
 */
class CraftedAggregateTest {

  private static final int PLAIN_RECORDS = 100;
  private static final int CRAFTED_AT = 50;

  private final FakeKinesisReader kinesis = new FakeKinesisReader();
  private final FakeSourceContexts contexts = new FakeSourceContexts();

  @Test
  void theRecordsAroundACraftedAggregateFlowAndTheAggregateArrivesRaw() throws Exception {
    ShardInfo shard = ShardInfo.open("orders", "shardId-0");
    kinesis.shard(shard);
    byte[] crafted = craftedAggregate();
    for (int i = 0; i < PLAIN_RECORDS; i++) {
      if (i == CRAFTED_AT) {
        kinesis.put(shard.key(), "attacker", crafted);
      }
      kinesis.put(shard.key(), "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
    }
    KinesisSourceTask task = new KinesisSourceTask(config -> kinesis, config -> new FakeFanOut());
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(shard)));
    task.start(props);

    List<SourceRecord> records;
    try {
      records = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pollAll(task));
    } finally {
      task.stop();
    }

    assertThat(records).hasSize(PLAIN_RECORDS + 1);
    SourceRecord raw = records.get(CRAFTED_AT);
    assertThat((byte[]) raw.value()).isEqualTo(crafted);
    assertThat(raw.key()).isEqualTo("attacker");
    assertThat(raw.headers().lastWithName(RecordConverter.SUBSEQUENCE_HEADER)).isNull();
    List<SourceRecord> plain = new ArrayList<>(records);
    plain.remove(CRAFTED_AT);
    assertThat(plain)
        .extracting(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, PLAIN_RECORDS).mapToObj(i -> "v" + i).toList());
  }

  private static List<SourceRecord> pollAll(KinesisSourceTask task) throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    while (records.size() < PLAIN_RECORDS + 1) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        records.addAll(batch);
      }
    }
    return records;
  }

  /**
   * Magic, then AggregatedRecord {partition_key_table: "k"; records: {0, "x"}; field 4 of length
   * -11}, then the MD5 of that protobuf: a checksum-valid aggregate. Skipping -11 bytes from the
   * end of the length (tag 1 byte + varint 10 bytes) lands on the field's own tag again.
   */
  static byte[] craftedAggregate() throws Exception {
    ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
    protobuf.writeBytes(new byte[] {0x0A, 1, 'k', 0x1A, 5, 0x08, 0, 0x1A, 1, 'x', 0x22});
    long length = -11L;
    for (int i = 0; i < 9; i++) {
      protobuf.write((int) (length & 0x7F) | 0x80);
      length >>>= 7;
    }
    protobuf.write((int) length);
    byte[] message = protobuf.toByteArray();
    ByteArrayOutputStream aggregate = new ByteArrayOutputStream();
    aggregate.writeBytes(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
    aggregate.writeBytes(message);
    aggregate.writeBytes(MessageDigest.getInstance("MD5").digest(message));
    return aggregate.toByteArray();
  }
}
